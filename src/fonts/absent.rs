//! The stand-in for a supplied face in builds without the `media` feature (the base
//! module): no face is ever made ([`super::FontBook`] keeps only the files there,
//! and [`Face::parse`] refuses every file), so the compiler drops
//! everything that would measure, kern or embed one. The methods keep the media
//! build's signatures.

use std::convert::Infallible;

use super::{Descriptor, FontFile, Glyph};

/// A face, which this build cannot make.
#[derive(Debug)]
pub struct Face<'d> {
    /// The name it was supplied under.
    pub name: &'d str,
    /// The file's bytes.
    pub data: &'d [u8],
    never: Infallible,
}

impl<'d> Face<'d> {
    /// Refuses `file`: this build parses no fonts.
    ///
    /// # Errors
    /// Always, with a message naming the file.
    pub fn parse(file: FontFile<'d>) -> Result<Self, String> {
        Err(format!("`{}` cannot be read: this build of snapdf has no font support (the `media` feature)", file.name))
    }

    /// Never called: no face exists.
    pub fn glyph(&self, _: char) -> Option<(u16, u16)> {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn kern(&self, _: u16, _: u16) -> i32 {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn advance(&self, _: u16) -> u16 {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn shape(&self, _: &str, _: bool) -> Vec<Glyph> {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn shape_hyphenated(&self, _: &str, _: bool, _: Option<usize>) -> Vec<Glyph> {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn hyphen_units(&self) -> f32 {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn ink_width(&self, _: u16) -> u16 {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn has(&self, _: char) -> bool {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn descriptor(&self) -> Descriptor {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn postscript_name(&self) -> String {
        match self.never {}
    }

    /// Never called: no face exists.
    pub fn is_cff(&self) -> bool {
        match self.never {}
    }

    /// Nothing: this build reads no font files.
    pub fn cff_program(_: &[u8]) -> Option<&[u8]> {
        None
    }
}
