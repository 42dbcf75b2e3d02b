//! What every reader of input reports about a bad value: [`Warning`]. The
//! wasm boundary words it for the console, once per element and value
//! (rule 14).

#[allow(unused_imports)]
use crate::prelude::*;

/// A bad value that was replaced by a default or corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The step the attribute belongs to (empty for widget attributes).
    pub step: String,
    /// Attribute or field name as the author wrote it, without `data-` for
    /// widget attributes (the shell adds the prefix where the author used it).
    pub attr: String,
    /// The offending value.
    pub value: String,
    /// What is allowed, and what was used instead.
    pub allowed: String,
}

impl Warning {
    /// A warning about attribute or field `attr`.
    pub fn new(attr: &str, value: &str, allowed: &str) -> Self {
        Warning {
            step: String::new(),
            attr: attr.to_string(),
            value: value.to_string(),
            allowed: allowed.to_string(),
        }
    }

    /// The same warning, about step `id`.
    pub fn on_step(mut self, id: &str) -> Self {
        self.step = id.to_string();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_names_its_step() {
        let w = Warning::new("status", "done", "pending, active").on_step("a");
        assert_eq!((w.step.as_str(), w.attr.as_str()), ("a", "status"));
        assert_eq!(Warning::new("x", "1", "y").step, "");
    }
}
