//! The person in the browser: opens the authorize URL, answers the consent page and lands on
//! the app's loopback callback, as a system browser would (RFC 8252), without JavaScript.

use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use url::Url;

/// Why the person could not complete the authorization.
#[derive(Debug, thiserror::Error)]
pub enum PersonError {
    #[error("invalid URL {url}: {source}")]
    BadUrl {
        url: String,
        #[source]
        source: url::ParseError,
    },
    #[error("request to {url} failed: {source}")]
    Http {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("the authorization server showed an error page (HTTP {status}): {message}")]
    ErrorPage { status: u16, message: String },
    #[error("the authorize page has no consent form with approve and deny buttons")]
    NoConsentForm,
    #[error("expected a redirect back to the app, got HTTP {status}")]
    NoRedirect { status: u16 },
}

/// The person's answer on a consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Deny,
}

impl Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Deny => "deny",
        }
    }
}

/// Approves the request on the consent page at `authorize_url`, then visits the app's callback
/// and returns the body of the page it answered.
pub async fn approve(authorize_url: &str) -> Result<String, PersonError> {
    visit(&consent(authorize_url, Decision::Approve).await?).await
}

/// Denies the request on the consent page at `authorize_url`, then visits the app's callback
/// (which receives `error=access_denied`) and returns the body of the page it answered.
pub async fn deny(authorize_url: &str) -> Result<String, PersonError> {
    visit(&consent(authorize_url, Decision::Deny).await?).await
}

/// Answers the consent page at `authorize_url` and returns the callback URL the browser would
/// visit next, without visiting it: a test can then deliver it late, twice, or altered.
/// When the server sends the person straight back (an error such as `invalid_scope`), that
/// address is returned.
pub async fn consent(authorize_url: &str, decision: Decision) -> Result<Url, PersonError> {
    decide(authorize_url, decision, None).await
}

/// Approves the request at `authorize_url` with only the `scopes` ticked that are listed (the
/// Intervals.icu consent page has one checkbox per scope; every other checkbox is unticked),
/// and returns the callback URL without visiting it, like [`consent`].
pub async fn approve_scopes(authorize_url: &str, scopes: &[&str]) -> Result<Url, PersonError> {
    decide(authorize_url, Decision::Approve, Some(scopes)).await
}

/// On the sandbox at `origin`, opens the person's "Connected apps" page and revokes every
/// grant of the app shown as `app_name`, as a person clicking "Revoke access" would. Returns how
/// many grants were revoked.
pub async fn revoke_app(origin: &str, app_name: &str) -> Result<usize, PersonError> {
    let page_url = parse_url(&format!("{origin}/settings/connected-apps"))?;
    let browser = client(Policy::none())?;
    let page = browser
        .get(page_url.clone())
        .send()
        .await
        .map_err(http(&page_url))?
        .text()
        .await
        .map_err(http(&page_url))?;
    let mut revoked = 0;
    for section in page.split("<section class=\"grant\"").skip(1) {
        let name = section
            .split("<h2 class=\"client\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .map(unescape);
        if name.as_deref() != Some(app_name) {
            continue;
        }
        let form = ConsentForm::parse(section).ok_or(PersonError::NoConsentForm)?;
        let action = join(&page_url, &form.action)?;
        let response = browser
            .post(action.clone())
            .send()
            .await
            .map_err(http(&action))?;
        if !response.status().is_redirection() {
            return Err(PersonError::NoRedirect {
                status: response.status().as_u16(),
            });
        }
        revoked += 1;
    }
    Ok(revoked)
}

fn parse_url(url: &str) -> Result<Url, PersonError> {
    Url::parse(url).map_err(|source| PersonError::BadUrl {
        url: url.to_string(),
        source,
    })
}

fn join(base: &Url, reference: &str) -> Result<Url, PersonError> {
    base.join(reference).map_err(|source| PersonError::BadUrl {
        url: reference.to_string(),
        source,
    })
}

fn http(url: &Url) -> impl FnOnce(reqwest::Error) -> PersonError + '_ {
    move |source| PersonError::Http {
        url: url.to_string(),
        source,
    }
}

fn client(redirects: Policy) -> Result<Client, PersonError> {
    Client::builder()
        .redirect(redirects)
        .no_proxy()
        .build()
        .map_err(|source| PersonError::Http {
            url: String::new(),
            source,
        })
}

/// Opens `authorize_url`, submits the consent form with `decision` (and, if `keep` is given,
/// only those scope checkboxes ticked) and returns where the server sends the browser.
async fn decide(
    authorize_url: &str,
    decision: Decision,
    keep: Option<&[&str]>,
) -> Result<Url, PersonError> {
    let start = parse_url(authorize_url)?;
    let browser = client(Policy::none())?;
    let response = browser
        .get(start.clone())
        .send()
        .await
        .map_err(http(&start))?;
    let status = response.status();
    if status.is_redirection() {
        // The server sent an error straight back to the app (e.g. invalid_scope): a browser
        // follows it, and so does the person.
        return location(&start, &response);
    }
    let page = response.text().await.map_err(http(&start))?;
    if !status.is_success() {
        return Err(PersonError::ErrorPage {
            status: status.as_u16(),
            message: error_message(&page),
        });
    }
    let form = ConsentForm::parse(&page)
        .filter(|f| f.has_decision(decision.as_str()))
        .ok_or(PersonError::NoConsentForm)?;
    let action = join(&start, &form.action)?;
    let mut fields = form.hidden;
    fields.extend(
        form.ticked
            .into_iter()
            .filter(|(_, value)| keep.is_none_or(|keep| keep.contains(&value.as_str()))),
    );
    fields.push(("decision".to_string(), decision.as_str().to_string()));
    let response = browser
        .post(action.clone())
        .form(&fields)
        .send()
        .await
        .map_err(http(&action))?;
    let status = response.status();
    if status.is_redirection() {
        return location(&action, &response);
    }
    let page = response.text().await.map_err(http(&action))?;
    if status.is_client_error() || status.is_server_error() {
        return Err(PersonError::ErrorPage {
            status: status.as_u16(),
            message: error_message(&page),
        });
    }
    Err(PersonError::NoRedirect {
        status: status.as_u16(),
    })
}

fn location(base: &Url, response: &Response) -> Result<Url, PersonError> {
    let status = response.status().as_u16();
    let raw = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(PersonError::NoRedirect { status })?;
    join(base, raw)
}

/// Visits the app's callback (following its own redirects, like a browser) and returns the body.
async fn visit(url: &Url) -> Result<String, PersonError> {
    let response = client(Policy::limited(5))?
        .get(url.clone())
        .send()
        .await
        .map_err(http(url))?;
    response.text().await.map_err(http(url))
}

/// The first form of a page: its action, the fields it sends (hidden ones, and the checkboxes
/// ticked when the page loads) and its submit buttons.
#[derive(Debug, PartialEq)]
struct ConsentForm {
    action: String,
    hidden: Vec<(String, String)>,
    ticked: Vec<(String, String)>,
    buttons: Vec<(String, String)>,
}

impl ConsentForm {
    fn parse(page: &str) -> Option<ConsentForm> {
        let open = page.find("<form")?;
        let rest = &page[open..];
        let tag_end = rest.find('>')?;
        let form_attrs = attributes(&rest[5..tag_end]);
        let body = &rest[tag_end..rest.find("</form>").unwrap_or(rest.len())];
        let action = lookup(&form_attrs, "action").unwrap_or_default();
        let mut form = ConsentForm {
            action,
            hidden: Vec::new(),
            ticked: Vec::new(),
            buttons: Vec::new(),
        };
        for (tag, list) in [("<input", true), ("<button", false)] {
            let mut at = 0;
            while let Some(i) = body[at..].find(tag) {
                let start = at + i + tag.len();
                let end = start + body[start..].find('>')?;
                let attrs = attributes(&body[start..end]);
                at = end;
                let (Some(name), value) = (lookup(&attrs, "name"), lookup(&attrs, "value")) else {
                    continue;
                };
                let value = value.unwrap_or_default();
                match lookup(&attrs, "type").as_deref() {
                    Some("hidden") if list => form.hidden.push((name, value)),
                    // A ticked checkbox is sent like a hidden field; an unticked one is not.
                    Some("checkbox") if list && lookup(&attrs, "checked").is_some() => {
                        let value = if value.is_empty() { "on".into() } else { value };
                        form.ticked.push((name, value));
                    }
                    Some("submit") | None if !list => form.buttons.push((name, value)),
                    _ => {}
                }
            }
        }
        Some(form)
    }

    fn has_decision(&self, decision: &str) -> bool {
        self.buttons
            .iter()
            .any(|(name, value)| name == "decision" && value == decision)
    }
}

fn lookup(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// `name="value"` / `name='value'` / `name=value` pairs of a tag's inside.
fn attributes(inside: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = inside.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, remainder) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = unescape(raw);
            rest = remainder.trim_start();
        } else if name.is_empty() {
            rest = rest.get(1..).unwrap_or("").trim_start();
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The error text of an error page: its `class="error"` paragraph, else its text, shortened.
fn error_message(page: &str) -> String {
    let marked = page
        .find("class=\"error\">")
        .map(|i| &page[i + "class=\"error\">".len()..])
        .and_then(|rest| rest.find('<').map(|end| &rest[..end]));
    let text = match marked {
        Some(text) => text.to_string(),
        None => {
            let mut plain = String::new();
            let mut in_tag = false;
            for c in page.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            plain.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    };
    unescape(&text).chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_consent_form() {
        let page = r#"<p>x</p><form method="post" action="/api/auth/oauth2/authorize">
            <input type="hidden" name="request_id" value="a&amp;b">
            <button type="submit" name="decision" value="deny">Deny</button>
            <button type='submit' name=decision value=approve class="primary">Approve</button>
            </form>"#;
        let form = ConsentForm::parse(page).unwrap();
        assert_eq!(form.action, "/api/auth/oauth2/authorize");
        assert_eq!(
            form.hidden,
            vec![("request_id".to_string(), "a&b".to_string())]
        );
        assert!(form.has_decision("approve"));
        assert!(form.has_decision("deny"));
        assert!(!form.has_decision("maybe"));
    }

    #[test]
    fn ticked_checkboxes_are_sent_and_unticked_ones_are_not() {
        let page = r#"<form method="post" action="/oauth/authorize">
            <input type="hidden" name="request_id" value="r">
            <label><input type="checkbox" name="scope" value="ACTIVITY:READ" checked> A</label>
            <label><input type="checkbox" name="scope" value="WELLNESS:READ"> W</label>
            <input type="checkbox" name="remember" checked>
            <button type="submit" name="decision" value="approve">OK</button></form>"#;
        let form = ConsentForm::parse(page).unwrap();
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(form.hidden, vec![pair("request_id", "r")]);
        assert_eq!(
            form.ticked,
            vec![pair("scope", "ACTIVITY:READ"), pair("remember", "on")]
        );
    }

    #[test]
    fn error_message_prefers_the_marked_paragraph() {
        let page = "<h1>Oops</h1><p class=\"error\">Unknown &amp; wrong</p>";
        assert_eq!(error_message(page), "Unknown & wrong");
        assert_eq!(error_message("<h1>Bad</h1> <p>request</p>"), "Bad request");
    }
}
