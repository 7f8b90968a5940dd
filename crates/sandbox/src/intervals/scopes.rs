//! Intervals.icu OAuth scopes: `AREA:READ` or `AREA:WRITE`, comma separated. WRITE includes
//! READ.

use std::fmt;

use crate::scope::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Area {
    Activity,
    Wellness,
    Calendar,
    Settings,
    Library,
    Chats,
}

impl Area {
    const ALL: [Area; 6] = [
        Area::Activity,
        Area::Wellness,
        Area::Calendar,
        Area::Settings,
        Area::Library,
        Area::Chats,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Area::Activity => "ACTIVITY",
            Area::Wellness => "WELLNESS",
            Area::Calendar => "CALENDAR",
            Area::Settings => "SETTINGS",
            Area::Library => "LIBRARY",
            Area::Chats => "CHATS",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Area::Activity => "your activities, their streams and intervals",
            Area::Wellness => "your wellness data: weight, resting HR, HRV, sleep",
            Area::Calendar => "your calendar: planned workouts, races and notes",
            Area::Settings => "your settings: zones, FTP, thresholds",
            Area::Library => "your workout library",
            Area::Chats => "your chats and messages",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct IcuScope {
    pub area: Area,
    pub write: bool,
}

impl IcuScope {
    pub(crate) fn read(area: Area) -> IcuScope {
        IcuScope { area, write: false }
    }

    pub(crate) fn parse(s: &str) -> Option<IcuScope> {
        let (area, access) = s.trim().split_once(':')?;
        let area = Area::ALL.into_iter().find(|a| a.as_str() == area)?;
        let write = match access {
            "READ" => false,
            "WRITE" => true,
            _ => return None,
        };
        Some(IcuScope { area, write })
    }

    /// Whether holding `self` allows what `needed` allows.
    pub(crate) fn covers(self, needed: IcuScope) -> bool {
        self.area == needed.area && (self.write || !needed.write)
    }

    /// What the person is agreeing to, in words.
    pub(crate) fn description(self) -> String {
        let verb = if self.write { "See and change" } else { "See" };
        format!("{verb} {}", self.area.what())
    }

    /// The nearest VeloPeak scope, for the connected-apps page (which lists VeloPeak scopes).
    pub(crate) fn velopeak(self) -> Option<Scope> {
        match (self.area, self.write) {
            (Area::Activity, _) => Some(Scope::ActivitiesRead),
            (Area::Calendar, false) => Some(Scope::WorkoutsRead),
            (Area::Calendar, true) => Some(Scope::WorkoutsWrite),
            (Area::Settings, _) => Some(Scope::AthleteRead),
            _ => None,
        }
    }
}

impl fmt::Display for IcuScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let access = if self.write { "WRITE" } else { "READ" };
        write!(f, "{}:{access}", self.area.as_str())
    }
}

/// Parses a comma-separated list in order, without duplicates; `Err` names the first entry
/// that is not a scope.
pub(crate) fn parse_list(s: &str) -> Result<Vec<IcuScope>, String> {
    let mut scopes = Vec::new();
    for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let scope = IcuScope::parse(word).ok_or_else(|| word.to_string())?;
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    Ok(scopes)
}

/// `ACTIVITY:READ,CALENDAR:READ`.
pub(crate) fn join(scopes: &[IcuScope]) -> String {
    scopes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The VeloPeak scopes shown for a grant on the connected-apps page.
pub(crate) fn velopeak_view(scopes: &[IcuScope]) -> Vec<Scope> {
    let mut out: Vec<Scope> = Vec::new();
    for scope in scopes.iter().filter_map(|s| s.velopeak()) {
        if !out.contains(&scope) {
            out.push(scope);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_joins_in_order() {
        let scopes = parse_list("ACTIVITY:READ, CALENDAR:WRITE,ACTIVITY:READ,,CHATS:READ").unwrap();
        assert_eq!(join(&scopes), "ACTIVITY:READ,CALENDAR:WRITE,CHATS:READ");
        assert_eq!(
            parse_list("ACTIVITY:READ,activity:read").unwrap_err(),
            "activity:read"
        );
        assert_eq!(parse_list("FITNESS:READ").unwrap_err(), "FITNESS:READ");
        assert_eq!(parse_list("ACTIVITY").unwrap_err(), "ACTIVITY");
        assert!(parse_list("").unwrap().is_empty());
    }

    #[test]
    fn write_covers_read_of_the_same_area_only() {
        let write = IcuScope::parse("CALENDAR:WRITE").unwrap();
        let read = IcuScope::read(Area::Calendar);
        assert!(write.covers(read));
        assert!(!read.covers(write));
        assert!(!write.covers(IcuScope::read(Area::Activity)));
    }
}
