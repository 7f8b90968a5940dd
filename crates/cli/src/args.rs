//! The command line, parsed by hand: six commands and a few flags.

use offpeak_domain::{Month, ProviderKind};

pub const USAGE: &str = "usage:
  offpeak-cli login velopeak --client-id ID [--origin URL] [--ports 8723,8724]
        signs in through the browser; the app's client secret is read from $OFFPEAK_CLIENT_SECRET
        the first time and kept in the system keychain; --ports when the platform only accepts
        registered redirect ports
  offpeak-cli login velocity --client-id ID [--origin URL]
        signs in through the browser (a public app: no secret)
  offpeak-cli login intervals [--athlete ID] [--origin URL]
        connects with a personal API key, read from $OFFPEAK_API_KEY or the first line of input;
        the athlete defaults to the key's owner
  offpeak-cli login intervals --client-id ID [--origin URL]
        signs in through the browser (OAuth); secret from $OFFPEAK_CLIENT_SECRET
  offpeak-cli logout [CONNECTION] [--purge] [--yes]
        revokes Offpeak's access at the platform and deletes the secrets from the keychain;
        the cached data stays unless --purge (which asks first, unless --yes)
  offpeak-cli sync [CONNECTION]            syncs every connected account (or the one named) into
                                           the local cache, printing its progress
  offpeak-cli settings [--interval MINUTES] [--streams all|on-demand|MONTHS]
                                           shows or changes the background sync interval (0: off)
                                           and which activity streams are fetched ahead of time
  offpeak-cli calendar [--month YYYY-MM]   prints a month from the local cache (default: this month)
  offpeak-cli accounts                     lists the connected accounts";

#[derive(Debug, PartialEq)]
pub enum Command {
    Login {
        provider: ProviderKind,
        origin: Option<String>,
        client_id: Option<String>,
        athlete: Option<String>,
        ports: Vec<u16>,
    },
    Logout {
        connection: Option<String>,
        purge: bool,
        yes: bool,
    },
    Sync {
        connection: Option<String>,
    },
    Settings {
        interval: Option<u32>,
        streams: Option<offpeak_sync::StreamsPolicy>,
    },
    Calendar {
        month: Option<Month>,
    },
    Accounts,
    Help,
}

const PLATFORMS: &str = "velopeak, velocity, intervals";

fn parse_streams(value: &str) -> Result<offpeak_sync::StreamsPolicy, String> {
    use offpeak_sync::StreamsPolicy;
    match value {
        "all" => Ok(StreamsPolicy::All),
        "on-demand" => Ok(StreamsPolicy::OnDemand),
        months => months
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=240).contains(m))
            .map(|months| StreamsPolicy::RecentMonths { months })
            .ok_or_else(|| {
                format!(
                    "--streams takes all, on-demand or a number of months (1–240), not “{value}”"
                )
            }),
    }
}

pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let Some(command) = args.next() else {
        return Ok(Command::Help);
    };
    let rest: Vec<String> = args.collect();
    let flag = |name: &str| -> Result<Option<String>, String> {
        match rest.iter().position(|a| a == name) {
            Some(i) => rest
                .get(i + 1)
                .filter(|v| !v.starts_with("--"))
                .cloned()
                .map(Some)
                .ok_or_else(|| format!("{name} needs a value")),
            None => Ok(rest
                .iter()
                .find_map(|a| a.strip_prefix(&format!("{name}=")).map(str::to_owned))),
        }
    };
    let switch = |name: &str| rest.iter().any(|a| a == name);
    match command.as_str() {
        "login" => {
            let provider = match rest.first().map(String::as_str) {
                Some(name) => ProviderKind::parse(name).ok_or_else(|| {
                    format!("unknown platform “{name}”; Offpeak connects to: {PLATFORMS}")
                })?,
                None => return Err(format!("login needs a platform: {PLATFORMS}")),
            };
            let client_id = flag("--client-id")?;
            if client_id.is_none() && provider != ProviderKind::Intervals {
                return Err(format!(
                    "login {} needs --client-id (from your {} app registration)",
                    provider.as_str(),
                    provider.display_name()
                ));
            }
            let athlete = flag("--athlete")?;
            if athlete.is_some() && client_id.is_some() {
                return Err("--athlete goes with an API key, not with --client-id".into());
            }
            let ports = flag("--ports")?
                .map(|list| parse_ports(&list))
                .transpose()?
                .unwrap_or_default();
            Ok(Command::Login {
                provider,
                origin: flag("--origin")?,
                client_id,
                athlete,
                ports,
            })
        }
        "logout" => Ok(Command::Logout {
            connection: rest.first().filter(|a| !a.starts_with("--")).cloned(),
            purge: switch("--purge"),
            yes: switch("--yes"),
        }),
        "sync" => Ok(Command::Sync {
            connection: rest.first().filter(|a| !a.starts_with("--")).cloned(),
        }),
        "settings" => {
            let interval = flag("--interval")?
                .map(|v| {
                    v.parse::<u32>()
                        .map_err(|_| format!("--interval takes minutes, not “{v}”"))
                })
                .transpose()?;
            let streams = flag("--streams")?.map(|v| parse_streams(&v)).transpose()?;
            Ok(Command::Settings { interval, streams })
        }
        "calendar" => {
            let month = flag("--month")?
                .map(|m| m.parse::<Month>().map_err(|e| e.to_string()))
                .transpose()?;
            Ok(Command::Calendar { month })
        }
        "accounts" => Ok(Command::Accounts),
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => Err(format!("unknown command “{other}”")),
    }
}

/// "8723,8724" → the ports, each from 1 to 65535.
fn parse_ports(list: &str) -> Result<Vec<u16>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(|| {
                format!(
                    "“{p}” is not a port; --ports takes numbers from 1 to 65535, like 8723,8724"
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, String> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn commands_and_flags() {
        assert_eq!(
            parse_line("login velopeak --origin http://127.0.0.1:5 --client-id abc").unwrap(),
            Command::Login {
                provider: ProviderKind::Velopeak,
                origin: Some("http://127.0.0.1:5".into()),
                client_id: Some("abc".into()),
                athlete: None,
                ports: Vec::new(),
            }
        );
        assert_eq!(
            parse_line("login velopeak --client-id abc --ports 8723,8724").unwrap(),
            Command::Login {
                provider: ProviderKind::Velopeak,
                origin: None,
                client_id: Some("abc".into()),
                athlete: None,
                ports: vec![8723, 8724],
            }
        );
        assert_eq!(
            parse_line("login intervals --athlete i1042").unwrap(),
            Command::Login {
                provider: ProviderKind::Intervals,
                origin: None,
                client_id: None,
                athlete: Some("i1042".into()),
                ports: Vec::new(),
            }
        );
        assert_eq!(
            parse_line("logout c_1 --purge").unwrap(),
            Command::Logout {
                connection: Some("c_1".into()),
                purge: true,
                yes: false
            }
        );
        assert_eq!(
            parse_line("logout --yes").unwrap(),
            Command::Logout {
                connection: None,
                purge: false,
                yes: true
            }
        );
        assert_eq!(
            parse_line("calendar --month=2026-11").unwrap(),
            Command::Calendar {
                month: "2026-11".parse().ok()
            }
        );
        assert_eq!(
            parse_line("calendar").unwrap(),
            Command::Calendar { month: None }
        );
        assert_eq!(
            parse_line("sync").unwrap(),
            Command::Sync { connection: None }
        );
        assert_eq!(
            parse_line("sync c1").unwrap(),
            Command::Sync {
                connection: Some("c1".into())
            }
        );
        assert_eq!(
            parse_line("settings --interval 15 --streams 6").unwrap(),
            Command::Settings {
                interval: Some(15),
                streams: Some(offpeak_sync::StreamsPolicy::RecentMonths { months: 6 })
            }
        );
        assert!(parse_line("settings --streams sometimes").is_err());
        assert_eq!(parse_line("").unwrap(), Command::Help);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(
            parse_line("login strava --client-id x")
                .unwrap_err()
                .contains("velopeak, velocity, intervals")
        );
        assert!(
            parse_line("login velopeak --client-id x --ports 80,http")
                .unwrap_err()
                .contains("“http” is not a port")
        );
        assert!(
            parse_line("login intervals --client-id x --athlete 5")
                .unwrap_err()
                .contains("API key")
        );
        assert!(
            parse_line("login velopeak")
                .unwrap_err()
                .contains("--client-id")
        );
        assert!(
            parse_line("calendar --month 2026-13")
                .unwrap_err()
                .contains("YYYY-MM")
        );
        assert!(
            parse_line("calendar --month")
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(
            parse_line("frobnicate")
                .unwrap_err()
                .contains("unknown command")
        );
    }
}
