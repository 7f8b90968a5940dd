//! Query strings as the platform reads them: repeated or comma-separated lists, local dates or
//! date-times, `limit`, and `fields` (keep only those keys, and no nulls).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::errors::IcuError;

#[derive(Debug, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Query {
        Query {
            pairs: url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// The first non-empty value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Every value of `name`, each split at commas; `None` if the parameter is absent.
    pub(crate) fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .pairs
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        (!values.is_empty()).then_some(values)
    }

    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// A local date (`2025-04-10`); a date-time is cut to its date.
    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, IcuError> {
        self.get(name)
            .map(|v| local(v).map(|(d, _)| d.date()).ok_or_else(|| bad(name, v)))
            .transpose()
    }

    /// A local date or date-time as an instant; a bare date is the start of the day, or with
    /// `end_of_day` its last second.
    pub(crate) fn instant(
        &self,
        name: &str,
        end_of_day: bool,
    ) -> Result<Option<NaiveDateTime>, IcuError> {
        self.get(name)
            .map(|v| {
                let (at, bare) = local(v).ok_or_else(|| bad(name, v))?;
                Ok(if bare && end_of_day {
                    at.date()
                        .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default())
                } else {
                    at
                })
            })
            .transpose()
    }

    pub(crate) fn limit(&self) -> Result<Option<usize>, IcuError> {
        self.get("limit")
            .map(|v| v.parse::<usize>().map_err(|_| bad("limit", v)))
            .transpose()
    }

    /// The `fields` selection, if any.
    pub(crate) fn fields(&self) -> Option<Vec<String>> {
        self.list("fields")
    }

    /// 422 for a missing required parameter, in the words of the platform's framework.
    pub(crate) fn require(&self, name: &str) -> Result<&str, IcuError> {
        self.get(name).ok_or_else(|| {
            IcuError::unprocessable(format!(
                "Required request parameter '{name}' for method parameter type String is not present"
            ))
        })
    }
}

fn bad(name: &str, value: &str) -> IcuError {
    IcuError::unprocessable(format!("Invalid value for '{name}': '{value}'"))
}

/// A local `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`; the flag says it was a bare date.
fn local(v: &str) -> Option<(NaiveDateTime, bool)> {
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Some((d.and_time(NaiveTime::MIN), true));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
        .map(|t| (t, false))
}

/// Keeps only `fields` (in the object's order) and drops nulls, as `fields=` does.
pub(crate) fn select(object: Map<String, Value>, fields: Option<&[String]>) -> Map<String, Value> {
    match fields {
        None => object,
        Some(fields) => object
            .into_iter()
            .filter(|(k, v)| !v.is_null() && fields.iter().any(|f| f == k))
            .collect(),
    }
}

/// Local date-time as the platform writes it: `2025-04-10T07:30:00`.
pub(crate) fn local_string(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A JSON object built field by field; `None` becomes null.
#[derive(Debug, Default)]
pub(crate) struct Obj(pub Map<String, Value>);

impl Obj {
    pub(crate) fn set(mut self, key: &str, value: impl Into<Value>) -> Obj {
        self.0.insert(key.to_string(), value.into());
        self
    }

    /// Sets `key` only when there is a value.
    pub(crate) fn some(self, key: &str, value: Option<impl Into<Value>>) -> Obj {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub(crate) fn value(self) -> Value {
        Value::Object(self.0)
    }
}

/// Rounds to `decimals` places.
pub(crate) fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_dates_and_limits() {
        let q = Query::parse(Some(
            "category=WORKOUT,NOTE&category=RACE_A&oldest=2025-04-01&newest=2025-04-03T10:30:00&limit=3",
        ));
        assert_eq!(q.list("category").unwrap(), ["WORKOUT", "NOTE", "RACE_A"]);
        assert_eq!(q.list("types"), None);
        assert_eq!(q.date("oldest").unwrap().unwrap().to_string(), "2025-04-01");
        assert_eq!(
            q.instant("oldest", true).unwrap().unwrap().to_string(),
            "2025-04-01 23:59:59"
        );
        assert_eq!(
            q.instant("newest", true).unwrap().unwrap().to_string(),
            "2025-04-03 10:30:00"
        );
        assert_eq!(q.limit().unwrap(), Some(3));
        let bad = Query::parse(Some("oldest=yesterday&limit=-1"));
        assert!(matches!(
            bad.date("oldest"),
            Err(IcuError::Unprocessable(_))
        ));
        assert!(matches!(bad.limit(), Err(IcuError::Unprocessable(_))));
        assert!(
            matches!(bad.require("newest"), Err(IcuError::Unprocessable(m)) if m.contains("'newest'"))
        );
    }

    #[test]
    fn fields_keep_named_keys_without_nulls() {
        let object = json!({"id": "i1", "name": "x", "distance": null, "type": "Ride"});
        let Value::Object(map) = object else {
            unreachable!()
        };
        let fields = vec!["id".to_string(), "distance".to_string(), "type".to_string()];
        assert_eq!(
            Value::Object(select(map, Some(&fields))),
            json!({"id": "i1", "type": "Ride"})
        );
    }
}
