//! Who is calling: a personal API key sent as HTTP Basic `API_KEY:<key>`, or an OAuth access
//! token sent as Bearer; and which athlete a path's id names, if the caller may read them.
//! [`Call`] hands a data handler its caller and query string.

use axum::Extension;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::errors::IcuError;
use super::ids::{self, AthleteRef};
use super::query::Query;
use super::scopes::{Area, IcuScope};
use super::{Icu, IcuState};
use crate::config::DEMO_INTERVALS_KEY;
use crate::data::{Athlete, Dataset};
use crate::pkce::constant_time_eq;
use crate::server::{AppState, Shared};

/// The user name of every personal API key.
pub(crate) const KEY_USER: &str = "API_KEY";

#[derive(Debug, Clone)]
pub(crate) enum Access {
    /// A personal key: everything its owner may do.
    Key,
    /// An OAuth app: what the person granted it.
    Token { scopes: Vec<IcuScope> },
}

#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The data set id of the key's or token's owner.
    pub athlete_id: String,
    pub access: Access,
}

impl Caller {
    /// 403 unless the caller may read `area`.
    pub(crate) fn require(&self, area: Area) -> Result<(), IcuError> {
        match &self.access {
            Access::Key => Ok(()),
            Access::Token { scopes, .. } => {
                if scopes.iter().any(|s| s.covers(IcuScope::read(area))) {
                    Ok(())
                } else {
                    Err(IcuError::AccessDenied)
                }
            }
        }
    }

    pub(crate) fn is_token(&self) -> bool {
        matches!(self.access, Access::Token { .. })
    }
}

/// The personal keys of this server as (data set athlete id, key): the configured ones, or the
/// demo key for the data set's owner when none are configured. A configured athlete may be
/// named by data set id (`a_1042`) or Intervals id (`i1042`).
pub(crate) fn keys(app: &AppState, data: &Dataset) -> Vec<(String, String)> {
    if app.config.intervals_keys.is_empty() {
        return vec![(data.owner().id.clone(), DEMO_INTERVALS_KEY.to_string())];
    }
    app.config
        .intervals_keys
        .iter()
        .filter_map(|(athlete, key)| {
            let id = match data.athlete(athlete) {
                Some(a) => a.id.clone(),
                None => match ids::parse_athlete(athlete) {
                    AthleteRef::Number(n) => ids::find_athlete(data, n)?.id.clone(),
                    _ => return None,
                },
            };
            Some((id, key.clone()))
        })
        .collect()
}

/// The `Authorization` header split into scheme and credentials.
fn authorization(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim().split_once(' ')?;
    Some((scheme.to_ascii_lowercase(), rest.trim().to_string()))
}

fn key_owner(app: &AppState, key: &str) -> Option<String> {
    let catalog = app.catalog();
    keys(app, &catalog.data)
        .into_iter()
        .find(|(_, known)| constant_time_eq(known.as_bytes(), key.as_bytes()))
        .map(|(athlete, _)| athlete)
}

/// The caller of a request; 401 without valid credentials, 403 for a key sent as Bearer.
pub(crate) fn caller(
    app: &AppState,
    icu: &IcuState,
    headers: &HeaderMap,
) -> Result<Caller, IcuError> {
    let (scheme, credentials) = authorization(headers).ok_or(IcuError::Unauthorized)?;
    match scheme.as_str() {
        "basic" => {
            let decoded = STANDARD
                .decode(credentials.as_bytes())
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or(IcuError::Unauthorized)?;
            let (user, key) = decoded.split_once(':').ok_or(IcuError::Unauthorized)?;
            if user != KEY_USER {
                return Err(IcuError::Unauthorized);
            }
            let athlete_id = key_owner(app, key).ok_or(IcuError::Unauthorized)?;
            Ok(Caller {
                athlete_id,
                access: Access::Key,
            })
        }
        "bearer" => {
            if key_owner(app, &credentials).is_some() {
                // The usual mistake: a personal key belongs in Basic.
                return Err(IcuError::AccessDenied);
            }
            let info = app
                .auth()
                .access(
                    &credentials,
                    app.clock.now(),
                    app.faults.plan().token_life_s,
                )
                .ok_or(IcuError::Unauthorized)?;
            let scopes = icu
                .scopes()
                .grants
                .get(&info.grant)
                .cloned()
                .unwrap_or_default();
            Ok(Caller {
                athlete_id: info.athlete_id,
                access: Access::Token { scopes },
            })
        }
        _ => Err(IcuError::Unauthorized),
    }
}

/// The athlete a path id names, if `caller` may read them: themselves or an athlete who shares
/// with them as coach. Anyone else, known or not, is 403.
pub(crate) fn athlete<'a>(
    data: &'a Dataset,
    caller: &Caller,
    path_id: &str,
) -> Result<&'a Athlete, IcuError> {
    let athlete = match ids::parse_athlete(path_id) {
        AthleteRef::Caller => data.athlete(&caller.athlete_id),
        AthleteRef::Number(n) => ids::find_athlete(data, n),
        AthleteRef::Invalid => None,
    }
    .ok_or(IcuError::AccessDenied)?;
    if data.may_read(&caller.athlete_id, &athlete.id) {
        Ok(athlete)
    } else {
        Err(IcuError::AccessDenied)
    }
}

/// [`athlete`], if `caller` may also read `area`.
pub(crate) fn athlete_in<'a>(
    data: &'a Dataset,
    caller: &Caller,
    path_id: &str,
    area: Area,
) -> Result<&'a Athlete, IcuError> {
    let athlete = athlete(data, caller, path_id)?;
    caller.require(area)?;
    Ok(athlete)
}

/// What every data handler starts from: the server, the [`caller`] (401 or 403 before the
/// handler runs) and the query string.
pub(crate) struct Call {
    pub app: Shared,
    pub caller: Caller,
    pub query: Query,
}

impl FromRequestParts<Shared> for Call {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Call, Response> {
        let Extension(icu) = Icu::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Call {
            app: app.clone(),
            caller: caller(app, &icu, &parts.headers).map_err(IntoResponse::into_response)?,
            query: Query::parse(parts.uri.query()),
        })
    }
}
