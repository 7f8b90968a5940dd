//! The HTML the person sees: the sign-in + consent page and the error page. The page frame
//! and the error page serve every platform the sandbox plays, each as its own [`Site`].

use std::fmt::Write;

use crate::scope::Scope;

/// The hidden form field that carries the pending request's id.
pub(crate) const REQUEST_ID_FIELD: &str = "request_id";

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:#f4f5f7;color:#1c1e21;margin:0}\
main{max-width:26rem;margin:4rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}\
h1{font-size:1.25rem;margin:0 0 1rem}.brand{color:#e4572e;font-weight:700;letter-spacing:.02em}\
.who{color:#555;font-size:.9rem;margin-bottom:1.5rem}ul{padding-left:1.2rem}li{margin:.5rem 0}\
code{font-size:.8rem;color:#666}.redirect{font-size:.8rem;color:#666;word-break:break-all}\
.buttons{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.5rem}\
button{font:inherit;padding:.55rem 1.2rem;border-radius:8px;border:1px solid #ccc;background:#fff;cursor:pointer}\
button.primary{background:#e4572e;border-color:#e4572e;color:#fff}.error{color:#b00020}";

/// Escapes text for HTML content and double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A platform's look: its name, shown as the brand, and its style sheet.
pub(crate) struct Site {
    pub name: &'static str,
    pub style: &'static str,
}

impl Site {
    /// A page titled `title` (escaped here) around the HTML `main`.
    pub(crate) fn page(&self, title: &str, main: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>{title} · {name}</title><style>{style}</style></head>\
             <body><main><p class=\"brand\">{name}</p>{main}</main></body></html>\n",
            title = escape(title),
            name = self.name,
            style = self.style,
        )
    }

    /// The page that refuses an authorization request: `heading`, then `message`.
    pub(crate) fn error(&self, heading: &str, message: &str) -> String {
        self.page(
            "Authorization error",
            &format!(
                "<h1>{heading}</h1><p class=\"error\">{}</p>\
                 <p>You can close this window.</p>",
                escape(message)
            ),
        )
    }
}

const VELOPEAK: Site = Site {
    name: "VeloPeak",
    style: STYLE,
};

pub(crate) fn page(title: &str, main: &str) -> String {
    VELOPEAK.page(title, main)
}

/// What the consent page shows, with the platform's scopes `S`.
pub(crate) struct Consent<'a, S> {
    pub athlete_name: &'a str,
    pub client_name: &'a str,
    pub scopes: &'a [S],
    pub redirect_uri: &'a str,
    pub request_id: &'a str,
    /// Where the form posts the decision: the variant's authorize path.
    pub action: &'a str,
}

pub(crate) fn consent(c: &Consent<'_, Scope>) -> String {
    let client = escape(c.client_name);
    let mut main = String::new();
    let _ = write!(
        main,
        "<p class=\"who\">Signed in as <strong class=\"athlete\">{}</strong></p>\
         <h1><span class=\"client\">{client}</span> wants to access your VeloPeak account</h1>\
         <p>It will be able to:</p><ul class=\"scopes\">",
        escape(c.athlete_name),
    );
    for scope in c.scopes {
        let _ = write!(
            main,
            "<li data-scope=\"{id}\">{desc} <code>{id}</code></li>",
            id = scope.as_str(),
            desc = escape(scope.description()),
        );
    }
    let _ = write!(
        main,
        "</ul><p class=\"redirect\">After you decide, you will be sent back to {client} at \
         <code>{uri}</code></p>\
         <form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"{field}\" value=\"{id}\">\
         <div class=\"buttons\">\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         <button type=\"submit\" name=\"decision\" value=\"approve\" class=\"primary\">Approve</button>\
         </div></form>",
        uri = escape(c.redirect_uri),
        field = REQUEST_ID_FIELD,
        id = escape(c.request_id),
        action = escape(c.action),
    );
    page(&format!("Authorize {}", c.client_name), &main)
}

pub(crate) fn error(message: &str) -> String {
    VELOPEAK.error("Something is wrong with this sign-in request", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_names_and_lists_only_the_given_scopes() {
        let html = consent(&Consent {
            athlete_name: "Ana <b>Ruiz</b>",
            client_name: "Off\"peak",
            scopes: &[Scope::ActivitiesRead],
            redirect_uri: "http://127.0.0.1:1/callback?a=1&b=2",
            request_id: "abc",
            action: "/oauth/consent",
        });
        assert!(html.contains("Ana &lt;b&gt;Ruiz&lt;/b&gt;"));
        assert!(html.contains("Off&quot;peak"));
        assert!(html.contains("a=1&amp;b=2"));
        assert_eq!(html.matches("data-scope=").count(), 1);
        assert!(html.contains("data-scope=\"activities:read\""));
    }
}
