//! Webhook subscriptions (contract §4, scope `webhooks`): subscribing a callback URL, which the
//! platform first proves with a signed `webhook.ping`, and removing a subscription.

use super::VelopeakClient;
use super::request::refusal;
use crate::ProviderError;
use crate::manners::{Call, Pacing, Reply};
use offpeak_domain::Sensitive;
use serde::Deserialize;

/// A subscription as the platform made it. The secret that signs its deliveries is shown this
/// once: keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSubscription {
    pub id: String,
    pub callback_url: String,
    pub secret: Sensitive<String>,
}

#[derive(Deserialize)]
struct SubscriptionDto {
    id: String,
    callback_url: String,
    secret: String,
}

impl VelopeakClient {
    /// Subscribes `callback_url` to `events` (`activity.created`, `workout.deleted`,
    /// `athlete.deauthorized`, …). The callback must answer the platform's signed ping with a
    /// 2xx within five seconds, or the subscription is refused.
    pub async fn subscribe_webhook(
        &self,
        token: &Sensitive<String>,
        callback_url: &str,
        events: &[&str],
    ) -> Result<WebhookSubscription, ProviderError> {
        let url = self.url(&["webhooks"])?;
        let body = serde_json::json!({ "callback_url": callback_url, "events": events });
        let call = Call {
            origin: &self.origin,
            path: "/webhooks",
            pacing: Pacing::RateLimitHeaders,
            // A second subscription would be a second one: sent again only if it surely did
            // not arrive.
            idempotent: false,
        };
        let build = || {
            self.http
                .post(url.clone())
                .bearer_auth(token.expose())
                .json(&body)
        };
        let parse = |body: &[u8]| serde_json::from_slice::<SubscriptionDto>(body);
        match self.manners.send(&call, build, parse).await? {
            Reply::Fresh { value, .. } => Ok(WebhookSubscription {
                id: value.id,
                callback_url: value.callback_url,
                secret: Sensitive::new(value.secret),
            }),
            Reply::Refused { status: 422, .. } => Err(ProviderError::InvalidInput(format!(
                "the platform could not reach {callback_url}: a webhook address must answer the platform's signed test call within five seconds"
            ))),
            Reply::Refused { status: 400, .. } => Err(ProviderError::InvalidInput(format!(
                "the platform refused the webhook for {callback_url}: check the address and the event names"
            ))),
            Reply::Refused { status, headers } => Err(refusal(status, &headers, "/webhooks", None)),
            Reply::NotModified => Err(ProviderError::BadResponse(
                "/webhooks answered 304 to a subscription".into(),
            )),
        }
    }

    /// Removes the subscription `id`. One the platform no longer has counts as removed.
    pub async fn delete_webhook(
        &self,
        token: &Sensitive<String>,
        id: &str,
    ) -> Result<(), ProviderError> {
        let url = self.url(&["webhooks", id])?;
        let path = format!("/webhooks/{id}");
        let call = Call {
            origin: &self.origin,
            path: &path,
            pacing: Pacing::RateLimitHeaders,
            idempotent: true,
        };
        let build = || self.http.delete(url.clone()).bearer_auth(token.expose());
        match self.manners.send(&call, build, |_| Ok(())).await? {
            Reply::Fresh { .. } | Reply::NotModified | Reply::Refused { status: 404, .. } => Ok(()),
            Reply::Refused { status, headers } => Err(refusal(status, &headers, &path, None)),
        }
    }
}
