//! What the accounts commands do: app registrations, browser sign-in (with cancel), API keys,
//! reconnect and disconnect. Free of Tauri, so it is tested without a window.

use crate::account_views::{
    AccountView, ApiKeyLoginRequest, DisconnectReport, ProviderView, RegisterAppRequest,
    RegistrationView,
};
use crate::app::App;
use crate::error::ApiError;
use offpeak_domain::{ConnectionId, ProviderKind, Sensitive};
use offpeak_store::ConnectionRecord;
use offpeak_sync::{ApiKeyInput, LoginControl, RegistrationInput};
use tokio_util::sync::CancellationToken;

fn provider(name: &str) -> Result<ProviderKind, ApiError> {
    ProviderKind::parse(name).ok_or_else(|| {
        ApiError::invalid_input(format!("Offpeak does not know the platform “{name}”."))
    })
}

/// "8723, 8724" → the ports; empty means any.
fn redirect_ports(list: &str) -> Result<Vec<u16>, ApiError> {
    list.split([',', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(|| {
                ApiError::invalid_input(format!(
                    "“{p}” is not a port. Enter numbers from 1 to 65535, like 8723, 8724, or leave the field empty."
                ))
            })
        })
        .collect()
}

impl App {
    pub fn list_providers(&self) -> Vec<ProviderView> {
        ProviderKind::ALL
            .into_iter()
            .map(ProviderView::from)
            .collect()
    }

    pub async fn list_accounts(&self) -> Result<Vec<AccountView>, ApiError> {
        Ok(offpeak_sync::accounts(&self.store)
            .await?
            .into_iter()
            .map(AccountView::from)
            .collect())
    }

    pub async fn list_registrations(&self) -> Result<Vec<RegistrationView>, ApiError> {
        Ok(self
            .store
            .registrations()
            .await?
            .into_iter()
            .map(RegistrationView::from)
            .collect())
    }

    pub async fn register_app(
        &self,
        request: RegisterAppRequest,
    ) -> Result<RegistrationView, ApiError> {
        let input = RegistrationInput {
            provider: provider(&request.provider)?,
            origin: request.origin,
            client_id: request.client_id,
            client_secret: Some(Sensitive::new(request.client_secret)),
            redirect_ports: redirect_ports(&request.redirect_ports)?,
        };
        let registration =
            offpeak_sync::register_app(&self.store, &self.keychain()?.vault, input).await?;
        Ok(registration.into())
    }

    pub async fn forget_app(&self, registration_id: String) -> Result<(), ApiError> {
        Ok(
            offpeak_sync::forget_app(&self.store, &self.keychain()?.vault, &registration_id)
                .await?,
        )
    }

    /// Signs in through the system browser with an app registration.
    pub async fn login_oauth(&self, registration_id: String) -> Result<AccountView, ApiError> {
        let vault = &self.keychain()?.vault;
        let opener = self.opener.clone();
        let control = self.begin_login();
        let cancel = control.cancel.clone();
        let result = offpeak_sync::connect_oauth(
            &self.store,
            vault,
            &self.http,
            &registration_id,
            control,
            move |url| opener(url),
        )
        .await;
        self.end_login(&cancel);
        self.account_view(result?).await
    }

    /// Signs in again for a connection: re-consent or grant scopes it lacks (with
    /// `live_updates`, the permission live updates need). The cache is kept.
    pub async fn reconnect(
        &self,
        connection_id: String,
        live_updates: bool,
    ) -> Result<AccountView, ApiError> {
        let vault = &self.keychain()?.vault;
        let opener = self.opener.clone();
        let control = LoginControl {
            webhooks: live_updates,
            ..self.begin_login()
        };
        let cancel = control.cancel.clone();
        let result = offpeak_sync::reconnect(
            &self.store,
            vault,
            &self.http,
            &ConnectionId(connection_id),
            control,
            move |url| opener(url),
        )
        .await;
        self.end_login(&cancel);
        self.account_view(result?).await
    }

    /// Stops the sign-in that is waiting for the browser, if any.
    pub fn cancel_login(&self) {
        if let Some(cancel) = self.login.lock().expect("login slot poisoned").take() {
            cancel.cancel();
        }
    }

    pub async fn login_api_key(
        &self,
        request: ApiKeyLoginRequest,
    ) -> Result<AccountView, ApiError> {
        let input = ApiKeyInput {
            provider: provider(&request.provider)?,
            origin: request.origin,
            api_key: Sensitive::new(request.api_key),
            athlete_id: request.athlete_id,
        };
        let record =
            offpeak_sync::connect_api_key(&self.store, &self.keychain()?.vault, &self.http, input)
                .await?;
        self.account_view(record).await
    }

    pub async fn disconnect(
        &self,
        connection_id: String,
        purge: bool,
    ) -> Result<DisconnectReport, ApiError> {
        let keychain = self.keychain()?;
        let outcome = offpeak_sync::disconnect(
            &self.store,
            &keychain.vault,
            &self.http,
            keychain.syncer.tokens(),
            &ConnectionId(connection_id),
            purge,
        )
        .await?;
        Ok(outcome.into())
    }

    /// One sign-in at a time: a new one cancels the one still waiting.
    fn begin_login(&self) -> LoginControl {
        let cancel = CancellationToken::new();
        if let Some(previous) = self
            .login
            .lock()
            .expect("login slot poisoned")
            .replace(cancel.clone())
        {
            previous.cancel();
        }
        LoginControl {
            timeout: None,
            cancel,
            webhooks: false,
        }
    }

    fn end_login(&self, cancel: &CancellationToken) {
        let mut slot = self.login.lock().expect("login slot poisoned");
        if slot.as_ref().is_some_and(|c| c == cancel) {
            *slot = None;
        }
    }

    pub(crate) async fn account_view(
        &self,
        record: ConnectionRecord,
    ) -> Result<AccountView, ApiError> {
        Ok(offpeak_sync::account(&self.store, record).await?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::redirect_ports;

    #[test]
    fn redirect_ports_are_a_list_of_numbers_or_nothing() {
        assert_eq!(redirect_ports("").unwrap(), Vec::<u16>::new());
        assert_eq!(redirect_ports("8723, 8724").unwrap(), [8723, 8724]);
        assert_eq!(redirect_ports("8723,8724").unwrap(), [8723, 8724]);
        for bad in ["0", "70000", "http"] {
            let err = redirect_ports(bad).unwrap_err();
            assert_eq!(err.code, "invalid_input");
            assert!(err.message.contains(bad), "{}", err.message);
        }
    }
}
