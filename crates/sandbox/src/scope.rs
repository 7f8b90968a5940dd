//! The VeloPeak scopes and how the consent page describes them.

use std::fmt;

/// A permission an app asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    AthleteRead,
    WorkoutsRead,
    ActivitiesRead,
    Webhooks,
    /// Velocity profile only: create and delete planned workouts.
    WorkoutsWrite,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::AthleteRead,
        Scope::WorkoutsRead,
        Scope::ActivitiesRead,
        Scope::Webhooks,
        Scope::WorkoutsWrite,
    ];

    /// The scopes a read-only API key carries.
    pub const READ: [Scope; 3] = [
        Scope::AthleteRead,
        Scope::WorkoutsRead,
        Scope::ActivitiesRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::AthleteRead => "athlete:read",
            Scope::WorkoutsRead => "workouts:read",
            Scope::ActivitiesRead => "activities:read",
            Scope::Webhooks => "webhooks",
            Scope::WorkoutsWrite => "workouts:write",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == s)
    }

    /// What the person is agreeing to, in words.
    pub fn description(self) -> &'static str {
        match self {
            Scope::AthleteRead => {
                "See your profile: name, time zone, weight, FTP, heart-rate and power zones"
            }
            Scope::WorkoutsRead => "See your planned workouts and training calendar",
            Scope::ActivitiesRead => {
                "See your completed activities, including their time series and routes"
            }
            Scope::Webhooks => "Be notified when your workouts or activities change",
            Scope::WorkoutsWrite => "Add and delete planned workouts in your calendar",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses a space-separated scope list, keeping the request's order and dropping duplicates.
/// `Err` carries the first scope that is unknown or not in `offered`.
pub(crate) fn parse_scope_list(s: &str, offered: &[Scope]) -> Result<Vec<Scope>, String> {
    let mut scopes = Vec::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let scope = Scope::parse(word)
            .filter(|scope| offered.contains(scope))
            .ok_or_else(|| word.to_string())?;
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    Ok(scopes)
}

pub(crate) fn join(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_in_order_without_duplicates() {
        let scopes =
            parse_scope_list("workouts:read  athlete:read workouts:read", &Scope::ALL).unwrap();
        assert_eq!(scopes, vec![Scope::WorkoutsRead, Scope::AthleteRead]);
        assert_eq!(join(&scopes), "workouts:read athlete:read");
    }

    #[test]
    fn rejects_unknown_scope() {
        assert_eq!(
            parse_scope_list("athlete:read admin", &Scope::ALL).unwrap_err(),
            "admin".to_string()
        );
    }
}
