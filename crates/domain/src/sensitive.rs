//! A wrapper for secrets that will not print, format or serialize what it holds. It lives here,
//! in the crate everyone depends on, so the platform clients can hold tokens without the keychain.

use std::fmt;

/// A secret value. `Debug` prints a placeholder, there is no `Display` and no `Serialize`;
/// the only way in is [`Sensitive::expose`], which makes every use visible in review.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Sensitive<T> {
        Sensitive(value)
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(***)")
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Sensitive<T> {
        Sensitive(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let token = Sensitive::new("vpa_abc123".to_owned());
        assert_eq!(format!("{token:?}"), "Sensitive(***)");
        assert_eq!(format!("{:?}", Some(&token)), "Some(Sensitive(***))");
        assert_eq!(token.expose(), "vpa_abc123");
    }
}
