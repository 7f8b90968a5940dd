//! Redirect URI matching (exact, with the RFC 8252 §7.3 loopback port exception) and building
//! the redirect back to the app.

use url::Url;

use crate::config::RegisteredClient;

/// Whether `requested` is one of the client's registered redirect URIs.
///
/// Exact string match, except that a registered `http` URI on a loopback IP literal without a
/// port matches the same URI with any port (RFC 8252 §7.3). `localhost` gets no exception.
pub(crate) fn is_registered(client: &RegisteredClient, requested: &str) -> bool {
    client
        .redirect_uris
        .iter()
        .any(|registered| matches(registered, requested))
}

fn matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(reg), Ok(req)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    is_loopback_without_port(registered, &reg)
        && req.scheme() == "http"
        && req.host() == reg.host()
        && req.username().is_empty()
        && req.password().is_none()
        && req.path() == reg.path()
        && req.query() == reg.query()
        && req.fragment().is_none()
        && requested.starts_with("http://")
}

fn is_loopback_without_port(raw: &str, url: &Url) -> bool {
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    // `Url` hides an explicit default port, so look at the raw text too.
    let authority_has_port = raw
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|authority| {
            authority
                .rsplit_once(':')
                .is_some_and(|(_, p)| !p.ends_with(']'))
        });
    url.scheme() == "http" && loopback && url.port().is_none() && !authority_has_port
}

/// `redirect_uri` with `params` appended to its query (an existing query is kept).
pub(crate) fn with_params(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    match Url::parse(redirect_uri) {
        Ok(mut url) => {
            {
                let mut pairs = url.query_pairs_mut();
                for (k, v) in params {
                    pairs.append_pair(k, v);
                }
            }
            url.to_string()
        }
        // Registered URIs are checked before any redirect, so this is not reached in practice.
        Err(_) => redirect_uri.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> RegisteredClient {
        RegisteredClient {
            redirect_uris: vec![
                "http://127.0.0.1/callback".into(),
                "http://[::1]/callback".into(),
                "https://app.example/cb?tenant=1".into(),
                "http://127.0.0.1:9000/fixed".into(),
            ],
            ..RegisteredClient::demo()
        }
    }

    #[test]
    fn loopback_matches_any_port_same_path() {
        let c = client();
        assert!(is_registered(&c, "http://127.0.0.1:51234/callback"));
        assert!(is_registered(&c, "http://127.0.0.1/callback"));
        assert!(is_registered(&c, "http://[::1]:8080/callback"));
        assert!(!is_registered(&c, "http://127.0.0.1:51234/callback/"));
        assert!(!is_registered(&c, "http://127.0.0.1:51234/other"));
        assert!(!is_registered(&c, "http://localhost:51234/callback"));
        assert!(!is_registered(&c, "https://127.0.0.1:51234/callback"));
        assert!(!is_registered(&c, "http://127.0.0.1:51234/callback?x=1"));
        assert!(!is_registered(&c, "http://user@127.0.0.1:51234/callback"));
    }

    #[test]
    fn registered_port_and_other_hosts_are_exact() {
        let c = client();
        assert!(is_registered(&c, "http://127.0.0.1:9000/fixed"));
        assert!(!is_registered(&c, "http://127.0.0.1:9001/fixed"));
        assert!(is_registered(&c, "https://app.example/cb?tenant=1"));
        assert!(!is_registered(&c, "https://app.example:8443/cb?tenant=1"));
    }

    #[test]
    fn params_are_appended_to_existing_query() {
        let url = with_params(
            "https://app.example/cb?tenant=1",
            &[("code", "c"), ("state", "a b&c")],
        );
        assert_eq!(url, "https://app.example/cb?tenant=1&code=c&state=a+b%26c");
    }
}
