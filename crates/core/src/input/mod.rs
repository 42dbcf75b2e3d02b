//! Input: what the page and the endpoint give, read into values the model
//! takes. Widget attributes ([`config`]), durations ([`duration`]) and
//! times ([`time`]); markup steps and state documents are read by
//! [`crate::model`], JSON values cross as [`crate::wire::codec`] tokens.

pub mod config;
pub mod duration;
pub mod time;
