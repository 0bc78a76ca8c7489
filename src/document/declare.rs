//! What the code `#[derive(Model)]` writes refers to, in one place: the reader's
//! helpers, the canonical encoder, the validation walk and the schema description.

pub(crate) use super::json::Json;
pub(crate) use super::read::{At, Object, Read, invalid_type, object, optional, ranged, tagged, unknown_tag, variant};
pub(crate) use super::shape::{Describe, Field, NamesShape, ObjectShape, Role, Rules, Shape, TaggedShape};
pub(crate) use super::walk::{Visitor, Walk};
pub(crate) use crate::key::canonical::{Canonical, Encode};
