//! The command line, parsed by hand: four commands and a few flags.

use offpeak_domain::Month;

pub const USAGE: &str = "usage:
  offpeak-cli login velopeak --origin URL --client-id ID
        signs in through the browser; the app's client secret is read from $OFFPEAK_CLIENT_SECRET
  offpeak-cli sync                         syncs every connected account into the local cache
  offpeak-cli calendar [--month YYYY-MM]   prints a month from the local cache (default: this month)
  offpeak-cli accounts                     lists the connected accounts";

#[derive(Debug, PartialEq)]
pub enum Command {
    Login { origin: String, client_id: String },
    Sync,
    Calendar { month: Option<Month> },
    Accounts,
    Help,
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
                .cloned()
                .map(Some)
                .ok_or_else(|| format!("{name} needs a value")),
            None => Ok(rest
                .iter()
                .find_map(|a| a.strip_prefix(&format!("{name}=")).map(str::to_owned))),
        }
    };
    match command.as_str() {
        "login" => {
            match rest.first().map(String::as_str) {
                Some("velopeak") => {}
                Some(other) => {
                    return Err(format!(
                        "unknown platform “{other}”; Offpeak connects to: velopeak"
                    ));
                }
                None => return Err("login needs a platform: velopeak".into()),
            }
            let origin = flag("--origin")?
                .unwrap_or_else(|| offpeak_provider::velopeak::DEFAULT_ORIGIN.to_owned());
            let client_id = flag("--client-id")?
                .ok_or("login needs --client-id (from your VeloPeak app registration)")?;
            Ok(Command::Login { origin, client_id })
        }
        "sync" => Ok(Command::Sync),
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
                origin: "http://127.0.0.1:5".into(),
                client_id: "abc".into()
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
        assert_eq!(parse_line("sync").unwrap(), Command::Sync);
        assert_eq!(parse_line("").unwrap(), Command::Help);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(
            parse_line("login strava --client-id x")
                .unwrap_err()
                .contains("velopeak")
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
