//! The VeloPeak reads a sync is made of, every one for a named athlete (the caller's own id or
//! an athlete who shares with them as coach): pages by date window, the change feed and single
//! items of either kind of [`ListedItem`], streams and the athlete's profile.

use super::dto::{ActivityDto, AthleteDto, AthleteListDto, PageDto, WorkoutDto};
use super::feed::{self, Change, Conditional, DateWindow};
use super::request::{Answer, Get, athlete_unreadable};
use super::streams::StreamsDto;
use super::{FetchedStreams, Page, VelopeakClient};
use crate::ProviderError;
use chrono::{DateTime, SecondsFormat, Utc};
use offpeak_domain::{Activity, Athlete, Sensitive, StreamKind, Workout};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// An item the platform lists by date window and as a change feed, one athlete's at a time:
/// [`Workout`] or [`Activity`].
pub trait ListedItem: TryFrom<Self::Dto, Error = ProviderError> + Send {
    /// Its collection under `/api/v1`.
    #[doc(hidden)]
    const COLLECTION: &'static str;
    /// Its JSON shape; not nameable outside the provider.
    #[doc(hidden)]
    type Dto: DeserializeOwned + Send;
    /// The athlete it belongs to.
    fn athlete_id(&self) -> &str;
}

impl ListedItem for Workout {
    const COLLECTION: &'static str = "workouts";
    type Dto = WorkoutDto;
    fn athlete_id(&self) -> &str {
        &self.athlete_id
    }
}

impl ListedItem for Activity {
    const COLLECTION: &'static str = "activities";
    type Dto = ActivityDto;
    fn athlete_id(&self) -> &str {
        &self.athlete_id
    }
}

impl VelopeakClient {
    /// A page of `athlete_id`'s planned workouts or activities in `window` (local dates), in
    /// date order.
    pub async fn list<T: ListedItem>(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        window: &DateWindow,
        cursor: Option<&str>,
    ) -> Result<Page<T>, ProviderError> {
        let get = windowed(Get::new(&[T::COLLECTION]), athlete_id, window, cursor);
        self.page::<T::Dto, _>(token, get).await
    }

    /// The change feed of planned workouts or activities: everything changed after `since`,
    /// ordered by (`updated_at`, id), deletions as [`Change::Deleted`], [`super::MAX_PAGE`] a
    /// page. `etag` is the tag of the same page asked before: unchanged, it is
    /// [`Conditional::NotModified`].
    pub async fn changes<T: ListedItem>(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        since: DateTime<Utc>,
        cursor: Option<&str>,
        etag: Option<&str>,
    ) -> Result<Conditional<Page<Change<T>>>, ProviderError> {
        let get = changed_since(Get::new(&[T::COLLECTION]), athlete_id, since, cursor, etag);
        self.feed::<T::Dto, _>(token, get).await
    }

    /// One planned workout of `athlete_id`; `None` if there is none by that id (any more), or
    /// it belongs to another athlete.
    pub async fn workout(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        id: &str,
    ) -> Result<Option<Workout>, ProviderError> {
        self.item_of(token, athlete_id, id).await
    }

    /// One activity of `athlete_id`; `None` if there is none by that id (any more), or it
    /// belongs to another athlete.
    pub async fn activity(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        id: &str,
    ) -> Result<Option<Activity>, ProviderError> {
        self.item_of(token, athlete_id, id).await
    }

    /// Every stream of an activity (all types asked for by name), and the size of their JSON.
    pub async fn streams(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        activity_id: &str,
    ) -> Result<FetchedStreams, ProviderError> {
        let types: Vec<&str> = StreamKind::ALL.iter().map(|k| k.as_str()).collect();
        let get = Get::new(&["activities", activity_id, "streams"])
            .athlete(athlete_id)
            .param("types", types.join(","));
        match self.fetch::<StreamsDto>(token, get).await? {
            Answer::Fresh { value, bytes, .. } => Ok(FetchedStreams {
                streams: value.into_streams(activity_id)?,
                json_bytes: bytes,
            }),
            Answer::NotFound => Err(ProviderError::NotFound(format!("activity {activity_id}"))),
            Answer::NotModified => Err(ProviderError::BadResponse(format!(
                "the streams of activity {activity_id} answered 304 unasked"
            ))),
        }
    }

    /// The profile of `athlete_id` (thresholds and zones), unless it is unchanged since the
    /// answer tagged `etag`.
    ///
    /// It is asked of `/athlete` with `athlete_id`; a server that answers there only with the
    /// caller (the contract's `/athlete` is "the authorizing user") gives a shared athlete's
    /// summary instead, from `/athletes`: name and time zone, no thresholds.
    pub async fn athlete_profile(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        etag: Option<&str>,
    ) -> Result<Conditional<Athlete>, ProviderError> {
        let get = Get::new(&["athlete"])
            .athlete(athlete_id)
            .unless_tagged(etag);
        match self.fetch::<AthleteDto>(token, get).await? {
            Answer::NotModified => return Ok(Conditional::NotModified),
            Answer::NotFound => return Err(athlete_unreadable(athlete_id)),
            Answer::Fresh { value, etag, .. } if value.id == athlete_id => {
                return Ok(Conditional::Fresh {
                    value: value.into(),
                    etag,
                });
            }
            Answer::Fresh { .. } => {}
        }
        let get = Get::new(&["athletes"]).unless_tagged(etag);
        match self.fetch::<AthleteListDto>(token, get).await? {
            Answer::NotModified => Ok(Conditional::NotModified),
            Answer::NotFound => Err(ProviderError::NotFound("/athletes".into())),
            Answer::Fresh { value, etag, .. } => {
                let summary = value
                    .data
                    .into_iter()
                    .find(|a| a.id == athlete_id)
                    .ok_or_else(|| athlete_unreadable(athlete_id))?;
                Ok(Conditional::Fresh {
                    value: summary.into(),
                    etag,
                })
            }
        }
    }

    /// One item of `athlete_id`; `None` on 404, or when it belongs to another athlete.
    async fn item_of<T: ListedItem>(
        &self,
        token: &Sensitive<String>,
        athlete_id: &str,
        id: &str,
    ) -> Result<Option<T>, ProviderError> {
        let get = Get::new(&[T::COLLECTION, id]).athlete(athlete_id);
        match self.fetch::<T::Dto>(token, get).await? {
            Answer::Fresh { value, .. } => {
                let item = T::try_from(value)?;
                Ok((item.athlete_id() == athlete_id).then_some(item))
            }
            Answer::NotFound => Ok(None),
            Answer::NotModified => Err(ProviderError::BadResponse(
                "an item answered 304 unasked".into(),
            )),
        }
    }

    /// One page of a change feed, or `NotModified`.
    async fn feed<D, T>(
        &self,
        token: &Sensitive<String>,
        get: Get<'_>,
    ) -> Result<Conditional<Page<Change<T>>>, ProviderError>
    where
        D: DeserializeOwned,
        T: TryFrom<D, Error = ProviderError>,
    {
        let athlete = get.athlete_asked().unwrap_or_default().to_owned();
        match self.fetch::<PageDto<Value>>(token, get).await? {
            Answer::NotModified => Ok(Conditional::NotModified),
            Answer::NotFound => Err(athlete_unreadable(&athlete)),
            Answer::Fresh {
                value,
                etag,
                served_at,
                ..
            } => {
                let items = value
                    .data
                    .into_iter()
                    .map(feed::entry::<D, T>)
                    .collect::<Result<_, _>>()?;
                Ok(Conditional::Fresh {
                    value: Page {
                        items,
                        next_cursor: value.next_cursor,
                        served_at,
                    },
                    etag,
                })
            }
        }
    }
}

fn windowed<'a>(
    get: Get<'a>,
    athlete_id: &'a str,
    window: &DateWindow,
    cursor: Option<&str>,
) -> Get<'a> {
    window.params().into_iter().fold(
        get.athlete(athlete_id).page(cursor),
        |get, (name, value)| get.param(name, value),
    )
}

fn changed_since<'a>(
    get: Get<'a>,
    athlete_id: &'a str,
    since: DateTime<Utc>,
    cursor: Option<&str>,
    etag: Option<&'a str>,
) -> Get<'a> {
    get.athlete(athlete_id)
        .page(cursor)
        .param(
            "updated_since",
            since.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        )
        .unless_tagged(etag)
}
