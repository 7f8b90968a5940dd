//! The token endpoint: trading a code or a refresh token for tokens (RFC 6749 §4.1.3, §6), in
//! the body style the profile names, with the client secret only for confidential apps.

use super::profile::{OAuthProfile, TokenBody, endpoint_url, origin_of};
use crate::ProviderError;
use chrono::{DateTime, Utc};
use offpeak_domain::{Scope, Sensitive};
use serde::Deserialize;

/// Tokens as a platform granted them. The secrets are [`Sensitive`]: they do not print.
#[derive(Debug, Clone)]
pub struct TokenSet {
    pub access_token: Sensitive<String>,
    pub refresh_token: Option<Sensitive<String>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// What was granted, which may be less than what was asked.
    pub scopes: Vec<Scope>,
    /// The athlete who authorized, when the platform says.
    pub athlete: Option<GrantedAthlete>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GrantedAthlete {
    #[serde(deserialize_with = "id_as_text")]
    pub id: String,
    pub name: String,
}

fn id_as_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    athlete: Option<GrantedAthlete>,
}

#[derive(Deserialize)]
struct ErrorResponse {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

pub(super) async fn exchange_code(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Result<TokenSet, ProviderError> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", profile.client_id.as_str()),
        ("code_verifier", verifier),
    ];
    if let Some(secret) = &profile.client_secret {
        form.push(("client_secret", secret.expose().as_str()));
    }
    let tokens = match post(http, profile, &form, None).await {
        // Expired, used already, or not issued for this verifier and redirect: start again.
        Err(ProviderError::OAuth { error, .. }) if error == "invalid_grant" => {
            return Err(ProviderError::CodeRejected);
        }
        other => other?,
    };
    if tokens.refresh_token.is_none() && tokens.expires_at.is_some() {
        tracing::warn!("the platform granted an expiring access token without a refresh token");
    }
    Ok(tokens)
}

pub(super) async fn refresh(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    refresh_token: &Sensitive<String>,
) -> Result<TokenSet, ProviderError> {
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose().as_str()),
        ("client_id", profile.client_id.as_str()),
    ];
    if let Some(secret) = &profile.client_secret {
        form.push(("client_secret", secret.expose().as_str()));
    }
    match post(http, profile, &form, Some(refresh_token)).await {
        Err(ProviderError::OAuth { error, .. }) if error == "invalid_grant" => {
            Err(ProviderError::ReauthRequired)
        }
        other => other,
    }
}

/// A request carrying `params` as the profile's token endpoint wants them.
pub(super) fn with_body(
    request: reqwest::RequestBuilder,
    style: TokenBody,
    params: &[(&str, &str)],
) -> reqwest::RequestBuilder {
    match style {
        TokenBody::Form => request.form(params),
        TokenBody::Json => {
            let object: serde_json::Map<String, serde_json::Value> = params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
                .collect();
            request.json(&object)
        }
    }
}

async fn post(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    params: &[(&str, &str)],
    previous_refresh: Option<&Sensitive<String>>,
) -> Result<TokenSet, ProviderError> {
    let url = endpoint_url(&profile.token_endpoint)?;
    let origin = origin_of(&profile.token_endpoint);
    let request = http
        .post(url)
        .header(reqwest::header::ACCEPT, "application/json");
    let response = with_body(request, profile.token_body, params)
        .send()
        .await
        .map_err(|e| ProviderError::transport(&origin, e))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| ProviderError::transport(&origin, e))?;
    if status.is_success() {
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            ProviderError::BadResponse("the token answer is not the expected JSON".into())
        })?;
        return into_token_set(parsed, previous_refresh);
    }
    oauth_error(status, &body)
}

/// An RFC 6749 §5.2 error answer as a [`ProviderError`]; the server's description is kept only
/// as a short hint after its error code.
pub(super) fn oauth_error<T>(status: reqwest::StatusCode, body: &[u8]) -> Result<T, ProviderError> {
    if let Ok(err) = serde_json::from_slice::<ErrorResponse>(body) {
        if err.error == "invalid_client" {
            return Err(ProviderError::InvalidClient);
        }
        return Err(ProviderError::OAuth {
            error: err.error,
            description: err.error_description,
        });
    }
    match status.as_u16() {
        401 => Err(ProviderError::InvalidClient),
        s if s >= 500 => Err(ProviderError::Server { status: s }),
        s => Err(ProviderError::BadResponse(format!(
            "the platform's sign-in endpoint answered HTTP {s}"
        ))),
    }
}

fn into_token_set(
    parsed: TokenResponse,
    previous_refresh: Option<&Sensitive<String>>,
) -> Result<TokenSet, ProviderError> {
    if parsed.access_token.is_empty() {
        return Err(ProviderError::BadResponse(
            "the token answer holds no access token".into(),
        ));
    }
    if let Some(kind) = &parsed.token_type
        && !kind.eq_ignore_ascii_case("bearer")
    {
        return Err(ProviderError::BadResponse(format!(
            "unsupported token type “{kind}”"
        )));
    }
    Ok(TokenSet {
        access_token: Sensitive::new(parsed.access_token),
        // A refresh answer without a new refresh token keeps the old one (RFC 6749 §6).
        refresh_token: parsed
            .refresh_token
            .map(Sensitive::new)
            .or_else(|| previous_refresh.cloned()),
        expires_at: parsed
            .expires_in
            .map(|s| Utc::now() + chrono::Duration::seconds(s.max(0))),
        scopes: parsed
            .scope
            .as_deref()
            .map(Scope::parse_list)
            .unwrap_or_default(),
        athlete: parsed.athlete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> TokenResponse {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_token_answer_becomes_a_token_set() {
        let t = into_token_set(
            parse(r#"{"access_token":"vpa_1","token_type":"Bearer","expires_in":3600,"refresh_token":"vpr_1","scope":"athlete:read workouts:read","athlete":{"id":"a_1","name":"Ana"},"extra":1}"#),
            None,
        )
        .unwrap();
        assert_eq!(t.access_token.expose(), "vpa_1");
        assert_eq!(t.refresh_token.unwrap().expose(), "vpr_1");
        assert_eq!(t.scopes.len(), 2);
        assert_eq!(t.athlete.unwrap().id, "a_1");
        let left = t.expires_at.unwrap() - Utc::now();
        assert!(left.num_seconds() > 3500 && left.num_seconds() <= 3600);
    }

    #[test]
    fn numeric_athlete_ids_are_kept_as_text_and_old_refresh_tokens_survive() {
        let old = Sensitive::new("vpr_old".to_owned());
        let t = into_token_set(
            parse(r#"{"access_token":"x","athlete":{"id":12345,"name":"B"}}"#),
            Some(&old),
        )
        .unwrap();
        assert_eq!(t.athlete.unwrap().id, "12345");
        assert_eq!(t.refresh_token.unwrap().expose(), "vpr_old");
        assert!(t.expires_at.is_none());
    }

    #[test]
    fn odd_token_types_are_refused() {
        assert!(into_token_set(parse(r#"{"access_token":"x","token_type":"mac"}"#), None).is_err());
        assert!(into_token_set(parse(r#"{"access_token":""}"#), None).is_err());
    }

    #[test]
    fn a_token_set_never_prints_its_secrets() {
        let t = into_token_set(
            parse(r#"{"access_token":"vpa_secret","refresh_token":"vpr_secret"}"#),
            None,
        )
        .unwrap();
        let printed = format!("{t:?}");
        assert!(
            !printed.contains("vpa_secret") && !printed.contains("vpr_secret"),
            "{printed}"
        );
    }
}
