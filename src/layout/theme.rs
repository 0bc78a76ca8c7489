//! A snapshot's theme, resolved: the style each role's text is set in, over snapdf's
//! own look ([`super::style`]).
//!
//! The cascade, lowest first, as CSS orders its declarations: snapdf's default for the
//! role, the theme's style for the role, the block's named style (`"style": "note"`),
//! the block's own fields (`align`, `lineHeight`). A field a level leaves out comes
//! from the level below it.

use super::Rgb;
use super::chart::{PALETTE, rgb};
use super::font::Font;
use super::style::{self, TextStyle};
use crate::document::{NamedStyles, Style, TextAlign, Theme};

/// The roles a theme styles (the text of a block takes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Title,
    Subtitle,
    Heading(usize),
    Body,
    List,
    Caption,
    Header,
    Footer,
    TableHeader,
    TableBody,
}

/// How a role's text is set once the cascade is resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Resolved {
    /// Font, size, leading and colour.
    pub text: TextStyle,
    /// Space above the block in points (none at the top of a page).
    pub space_before: f32,
    /// Space below the block in points.
    pub space_after: f32,
    /// Horizontal alignment.
    pub align: TextAlign,
}

/// A snapshot's theme and named styles, ready to resolve a role's style.
pub(super) struct Themed<'s> {
    theme: &'s Theme,
    styles: &'s NamedStyles<'s>,
    /// The series colours of charts.
    palette: Vec<Rgb>,
    /// Each role's style without a named style, resolved once (by [`index`]).
    roles: [Resolved; 12],
}

impl<'s> Themed<'s> {
    /// The theme and named styles of a snapshot.
    pub(super) fn new(theme: &'s Theme, styles: &'s NamedStyles<'s>) -> Self {
        let palette =
            if theme.palette.is_empty() { PALETTE.to_vec() } else { theme.palette.iter().map(|&c| rgb(c)).collect() };
        Themed { theme, styles, palette, roles: ROLES.map(|role| cascade(theme, styles, role, None)) }
    }

    /// How `role`'s text is set, with the named style `named` (validation has checked
    /// that it is declared) over the theme's.
    pub(super) fn resolve(&self, role: Role, named: Option<&str>) -> Resolved {
        match named {
            None => self.roles[index(role)],
            Some(_) => cascade(self.theme, self.styles, role, named),
        }
    }

    /// The colour of series `i` of a chart without a colour of its own.
    pub(super) fn series_color(&self, i: usize) -> Rgb {
        self.palette[i % self.palette.len()]
    }

    /// The colour of the rule under the title and of `rule` blocks.
    pub(super) fn accent(&self) -> Rgb {
        self.theme.accent.map_or(Rgb::gray(style::RULE_GRAY), rgb)
    }

    /// The theme's accent colour, if it gives one.
    pub(super) fn accent_given(&self) -> Option<Rgb> {
        self.theme.accent.map(rgb)
    }

    /// The colour of every page, if not white paper.
    pub(super) fn background(&self) -> Option<Rgb> {
        self.theme.background.map(rgb)
    }

    /// The colours of a named style's runs: what a run with `"style": name` takes.
    pub(super) fn run_style(&self, name: Option<&str>) -> Option<&'s Style> {
        name.and_then(|n| self.styles.get(n))
    }
}

/// Every role, in the order of [`Theme::roles`].
const ROLES: [Role; 12] = [
    Role::Title,
    Role::Subtitle,
    Role::Heading(0),
    Role::Heading(1),
    Role::Heading(2),
    Role::Body,
    Role::List,
    Role::Caption,
    Role::Header,
    Role::Footer,
    Role::TableHeader,
    Role::TableBody,
];

/// Where `role` is in [`ROLES`] and [`Theme::roles`].
fn index(role: Role) -> usize {
    match role {
        Role::Title => 0,
        Role::Subtitle => 1,
        Role::Heading(level) => 2 + level.min(2),
        Role::Body => 5,
        Role::List => 6,
        Role::Caption => 7,
        Role::Header => 8,
        Role::Footer => 9,
        Role::TableHeader => 10,
        Role::TableBody => 11,
    }
}

/// How `role`'s text is set under `theme`, with the named style `named` of `styles`
/// over the theme's.
fn cascade(theme: &Theme, styles: &NamedStyles, role: Role, named: Option<&str>) -> Resolved {
    let (default, before, after, align) = defaults(role);
    let given = |role| theme.roles()[index(role)].clone().unwrap_or_default();
    let mut style = match role {
        // A list's style inherits the body's.
        Role::List => given(Role::Body).with(&given(role)),
        _ => given(role),
    };
    if let Some(named) = named.and_then(|n| styles.get(n)) {
        style = style.with(named);
    }
    apply(&style, default, (before, after, align))
}

/// snapdf's own style for `role`: text, space before, space after, alignment.
fn defaults(role: Role) -> (TextStyle, f32, f32, TextAlign) {
    let left = TextAlign::Start;
    match role {
        Role::Title => (style::TITLE, 0.0, 0.0, left),
        Role::Subtitle => (style::SUBTITLE, 0.0, 0.0, left),
        Role::Heading(level) => {
            let level = level.min(2);
            (style::HEADINGS[level], style::HEADING_SPACE_BEFORE[level], style::BLOCK_SPACE, left)
        }
        Role::Body | Role::List => (style::BODY, 0.0, style::BLOCK_SPACE, left),
        Role::Caption => (style::CAPTION, style::CAPTION_GAP, 0.0, TextAlign::Center),
        Role::Header | Role::Footer => (style::FOOTER, 0.0, 0.0, left),
        Role::TableHeader => (style::CELL_BOLD, 0.0, 0.0, left),
        Role::TableBody => (style::CELL, 0.0, 0.0, left),
    }
}

/// `given` over `default`: the size scales the leading with it unless a line height is
/// given (a line height is a multiple of the size, as CSS's unitless `line-height`).
fn apply(given: &Style, default: TextStyle, (before, after, align): (f32, f32, TextAlign)) -> Resolved {
    let size = given.size.map_or(default.size, |s| s as f32);
    let leading = match given.line_height {
        Some(h) => h as f32 * size,
        None => default.leading * size / default.size,
    };
    let bold = given.bold.unwrap_or(default.font.is_bold());
    let italic = given.italic.unwrap_or(default.font.is_italic());
    let text = TextStyle {
        font: Font::styled(bold, italic, false),
        size,
        leading,
        color: given.color.map_or(default.color, rgb),
    };
    Resolved {
        text,
        space_before: given.space_before.map_or(before, |s| s as f32),
        space_after: given.space_after.map_or(after, |s| s as f32),
        align: given.align.unwrap_or(align),
    }
}
