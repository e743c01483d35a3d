//! [`Secret`]: a credential inside a command (LOGIN's password, an
//! AUTHENTICATE initial response). Its `Debug` and `Display` print a
//! placeholder, so logging a command or a parse result never writes it;
//! the value is reached only by asking for it with [`Secret::expose`].

use std::fmt;

/// A credential: printed as `<secret>`, compared by value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, for the one place that checks it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<secret>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<secret>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_never_shows_the_value() {
        let s = Secret::new("wonderland");
        assert_eq!(format!("{s}"), "<secret>");
        assert!(!format!("{s:?}").contains("wonderland"));
        assert!(!format!("{:?}", Some(&s)).contains("wonderland"));
        assert_eq!(s.expose(), "wonderland");
    }
}
