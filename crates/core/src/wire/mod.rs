//! The wire between the wasm core and the JavaScript shell: the one
//! definition of the boundary ([`protocol`], from which `js/protocol.js` is
//! generated), the token format values cross in ([`codec`]), and the encoder
//! that writes renders and events as protocol operations ([`encode`]).

pub mod codec;
pub mod encode;
pub mod protocol;
