//! # snapdf
//!
//! PDF snapshots of reports, made on the client. A *snapshot* is a JSON document (a
//! title, headings, paragraphs, lists, key/value and data tables); snapdf validates
//! it, computes its *cache key* (SHA-256 over a canonical encoding, so the same
//! snapshot is never rendered twice), lays it out with the metrics of the standard
//! PDF fonts and assembles the PDF.
//!
//! This crate is the engine: plain, synchronous Rust with no platform code. It is
//! compiled to WebAssembly for the JavaScript host package (the `bindings` module,
//! present only on `wasm32`), which supplies storage, workers and the public
//! Promise-based API.
//!
//! ```
//! let json = r#"{"title": "Q3 review", "blocks": [
//!     {"type": "paragraph", "text": "Sales grew in every region."},
//!     {"type": "table", "columns": ["Region", "Sales"], "rows": [["North", 120], ["South", 95]]}
//! ]}"#;
//! let out = snapdf::render_json(json, &snapdf::RenderOptions::default())?;
//! assert!(out.pdf.starts_with(b"%PDF-"));
//! assert_eq!(out.pages, 1);
//! assert_eq!(out.key, snapdf::key_json(json, &Default::default())?);
//! # Ok::<(), snapdf::Error>(())
//! ```
//!
//! The pipeline is [`document::parse`] → [`document::validate`] → [`key::cache_key`]
//! → [`layout::layout`] → [`pdf::write`]; [`render_json`] runs all of it.

/// The WebAssembly exports (wasm32 only). Public so wasm-bindgen-test can call them.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod bindings;
pub mod cache;
#[cfg(feature = "render")]
pub mod document;
mod error;
#[cfg(feature = "render")]
pub mod fonts;
#[cfg(feature = "render")]
pub mod image;
#[cfg(feature = "render")]
pub mod key;
#[cfg(feature = "render")]
pub mod layout;
pub mod metrics;
#[cfg(feature = "render")]
pub mod pdf;
#[cfg(feature = "render")]
pub mod qr;
#[cfg(feature = "render")]
pub mod svg;
pub mod tasks;

#[cfg(feature = "render")]
use serde::{Deserialize, Serialize};

#[cfg(feature = "render")]
pub use document::{Limits, Snapshot};
pub use error::Error;
#[cfg(feature = "render")]
pub use fonts::{FontBook, FontFile, FontSet};
#[cfg(feature = "render")]
pub use key::{CacheKey, cache_key};
#[cfg(feature = "render")]
pub use pdf::Compression;

/// Whether this build reads snapshots (the `render` feature, part of `media`): without it,
/// the front module for a browser page, with only [`cache`], [`tasks`] and [`metrics`].
pub const RENDER: bool = cfg!(feature = "render");

/// Whether this build reads images and supplied fonts (the `media` feature, on by
/// default). Without it, a snapshot with an image or supplied fonts is refused with
/// `MEDIA_UNAVAILABLE`: the base module that browsers load first.
pub const MEDIA: bool = cfg!(feature = "media");

/// How to render a snapshot. Everything here is part of the cache key.
///
/// JSON/JS shape: `{ "compression": 6, "namespace": "user-42" }`, both optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg(feature = "render")]
pub struct RenderOptions {
    /// Flate level of content streams, 0 to 10; default 1.
    #[serde(default, deserialize_with = "or_default")]
    pub compression: Compression,
    /// Scopes the cache key: the same snapshot in two namespaces (two users, two
    /// tenants) has two keys, so one never receives the other's cached PDF. Default
    /// empty. Hashed before the options (see [`key`]).
    #[serde(default, deserialize_with = "or_default")]
    pub namespace: String,
    /// A theme under the snapshot's own (an engine's default look, set once): each of
    /// the snapshot's role styles applies over this one's field by field, and its
    /// colours and palette replace these where it gives them ([`document::Theme::under`]).
    /// The result is the snapshot's theme, so the key covers it. Default none. (From
    /// JavaScript, the bindings read it as a snapshot's `theme` is read; serde skips it.)
    #[serde(skip)]
    pub theme: document::Theme,
}

/// Deserializes `null` (and JavaScript's `undefined`) as the type's default, so
/// `{ compression: undefined }` means the default level.
#[cfg(feature = "render")]
fn or_default<'de, D: serde::Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg(feature = "render")]
pub struct Rendered {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// The cache key of the snapshot and options it was rendered from.
    pub key: CacheKey,
    /// Number of pages.
    pub pages: usize,
    /// What the PDF does not show as the snapshot asked (a style set in another face);
    /// empty when nothing.
    pub warnings: Vec<document::Warning>,
}

/// Parses and validates snapshot JSON with the default [`Limits`], for the standard
/// fonts.
///
/// # Errors
/// [`Error::Snapshot`] naming the JSON path of the first problem (or every character
/// the fonts cannot print).
#[cfg(feature = "render")]
pub fn parse(json: &str) -> Result<Snapshot<'_>, Error> {
    parse_with(json, &FontBook::default())
}

/// Parses and validates snapshot JSON with the default [`Limits`]; the fonts the
/// snapshot names must be in `fonts`, and its text must be in them.
///
/// # Errors
/// As [`parse`].
#[cfg(feature = "render")]
pub fn parse_with<'j>(json: &'j str, fonts: &FontBook) -> Result<Snapshot<'j>, Error> {
    parse_checked(json, fonts, &RenderOptions::default(), document::validate)
}

/// Parses snapshot JSON within the default limits, puts `options`' theme under its own,
/// and checks it with `check` ([`document::validate`], or
/// [`document::validate_available`] for a cache key).
#[cfg(feature = "render")]
fn parse_checked<'j>(
    json: &'j str,
    fonts: &FontBook,
    options: &RenderOptions,
    check: Check,
) -> Result<Snapshot<'j>, Error> {
    let limits = Limits::default();
    document::check_input_size(json, &limits)?;
    let mut snapshot = document::parse(json)?;
    if options.theme != document::Theme::default() {
        snapshot.theme = options.theme.under(&snapshot.theme);
    }
    check(&snapshot, &limits, fonts)?;
    Ok(snapshot)
}

/// A validation function of [`document`].
#[cfg(feature = "render")]
type Check = fn(&Snapshot, &Limits, &FontBook) -> Result<(), document::Error>;

/// Parses the supplied font files.
///
/// # Errors
/// [`Error::Options`] at `fonts[i]` for a file that is not a usable font. (A build
/// without the `media` feature takes in any file; see [`FontBook::new`].)
#[cfg(feature = "render")]
pub fn font_book<'d>(files: &[FontFile<'d>]) -> Result<FontBook<'d>, Error> {
    Ok(FontBook::new(files)?)
}

/// Renders a parsed, validated snapshot to PDF in the standard fonts.
///
/// # Errors
/// [`Error::Snapshot`] naming the image block whose data cannot be decoded (validation
/// reads only image headers), or a limit error when the layout has more pages than
/// [`Limits::max_pages`].
#[cfg(feature = "render")]
pub fn render(snapshot: &Snapshot, options: &RenderOptions) -> Result<Rendered, Error> {
    render_with(snapshot, options, &FontBook::default())
}

/// Renders a snapshot validated against `fonts` ([`parse_with`]) to PDF, embedding the
/// fonts it uses as subsets.
///
/// # Errors
/// As [`render`], and [`Error::Options`] at `fonts[i]` for a font with CFF outlines
/// that cannot be subset ([`pdf::write`]).
#[cfg(feature = "render")]
pub fn render_with(snapshot: &Snapshot, options: &RenderOptions, fonts: &FontBook) -> Result<Rendered, Error> {
    render_stages(snapshot, options, fonts, None, &mut |_| 0.0).map(|(r, _)| r)
}

/// Parses, validates and renders snapshot JSON in the standard fonts.
///
/// # Errors
/// As [`parse`] and [`render`].
#[cfg(feature = "render")]
pub fn render_json(json: &str, options: &RenderOptions) -> Result<Rendered, Error> {
    render_json_with(json, options, &[])
}

/// Parses, validates and renders snapshot JSON with the supplied font files.
///
/// # Errors
/// As [`font_book`], [`parse`] and [`render`].
#[cfg(feature = "render")]
pub fn render_json_with(json: &str, options: &RenderOptions, fonts: &[FontFile]) -> Result<Rendered, Error> {
    render_json_observed(json, options, &font_book(fonts)?, None, &mut |_| 0.0).map(|(r, _)| r)
}

/// How long each stage of a render took, in milliseconds of the caller's clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg(feature = "render")]
pub struct Stages {
    /// Parsing and validation.
    pub validate_ms: f64,
    /// The cache key.
    pub key_ms: f64,
    /// Layout.
    pub layout_ms: f64,
    /// PDF assembly and compression.
    pub pdf_ms: f64,
}

/// [`render_json`], reporting each stage as it is reached and timing the stages.
///
/// `observe` is called with [`tasks::Stage::Started`] before parsing, then
/// `Validated`, `LaidOut` and `Assembled` as each stage ends; it returns the time in
/// milliseconds of the caller's clock (the engine has none of its own; the WebAssembly
/// host passes `performance.now` and posts the stage as task progress).
///
/// `key` is the snapshot's cache key when the caller has it already (the task manager
/// computes it on the calling thread before a worker renders): it is then not computed
/// again. It becomes the PDF's file identifier, so a wrong one only mislabels the file.
///
/// `fonts` are the supplied fonts ([`font_book`], or a [`FontSet`]'s book).
///
/// # Errors
/// As [`parse`].
#[cfg(feature = "render")]
pub fn render_json_observed(
    json: &str,
    options: &RenderOptions,
    fonts: &FontBook,
    key: Option<CacheKey>,
    observe: &mut dyn FnMut(tasks::Stage) -> f64,
) -> Result<(Rendered, Stages), Error> {
    let t0 = observe(tasks::Stage::Started);
    let snapshot = parse_checked(json, fonts, options, document::validate)?;
    let (rendered, mut stages) = render_stages(&snapshot, options, fonts, key, observe)?;
    stages.validate_ms -= t0;
    Ok((rendered, stages))
}

/// Keys, lays out and assembles a validated snapshot, reporting the stages; the
/// returned `validate_ms` holds the clock's time when validation ended (the caller
/// subtracts its start).
#[cfg(feature = "render")]
fn render_stages(
    snapshot: &Snapshot,
    options: &RenderOptions,
    fonts: &FontBook,
    key: Option<CacheKey>,
    observe: &mut dyn FnMut(tasks::Stage) -> f64,
) -> Result<(Rendered, Stages), Error> {
    use tasks::Stage;
    let t1 = observe(Stage::Validated);
    let key = key.unwrap_or_else(|| key::cache_key_with(snapshot, options, fonts));
    let t2 = observe(Stage::Validated);
    let images = image::decode_all(snapshot, &Limits::default())?;
    let drawings = svg::parse_all(snapshot)?;
    let chains = layout::Chains::new(snapshot, fonts);
    let faces = layout::Faces::new(fonts, &chains);
    let sizes: Vec<(f32, f32)> = drawings.iter().map(svg::Drawing::size).collect();
    let layout = layout::layout_with(snapshot, faces, &sizes);
    document::check_pages(layout.pages.len(), &Limits::default())?;
    let t3 = observe(Stage::LaidOut);
    let resources = pdf::Resources { images: &images, drawings: &drawings, fonts: faces.book() };
    let pdf = pdf::write(snapshot, &layout, resources, &key, options.compression)?;
    let t4 = observe(Stage::Assembled);
    let stages = Stages { validate_ms: t1, key_ms: t2 - t1, layout_ms: t3 - t2, pdf_ms: t4 - t3 };
    let mut warnings = layout::faces::substitutions(snapshot, fonts, layout.styles);
    warnings.extend(layout.warnings());
    warnings.extend(svg::warnings(snapshot, &drawings));
    Ok((Rendered { pdf, key, pages: layout.pages.len(), warnings }, stages))
}

/// The cache key of snapshot JSON rendered with `options`, without rendering.
///
/// # Errors
/// As [`parse`]: only a valid snapshot has a key.
#[cfg(feature = "render")]
pub fn key_json(json: &str, options: &RenderOptions) -> Result<CacheKey, Error> {
    key_json_with(json, options, &[])
}

/// The cache key of snapshot JSON rendered with `options` and the supplied fonts.
///
/// The snapshot is checked with [`document::validate_available`]: a build without the
/// `media` feature keys a snapshot with images or supplied fonts (the key is the media
/// build's), and leaves the checks that need them to the render.
///
/// # Errors
/// As [`font_book`] and [`parse`].
#[cfg(feature = "render")]
pub fn key_json_with(json: &str, options: &RenderOptions, fonts: &[FontFile]) -> Result<CacheKey, Error> {
    key_json_in(json, options, &font_book(fonts)?)
}

/// [`key_json_with`] with fonts already in a book ([`font_book`], or a [`FontSet`]'s).
///
/// # Errors
/// As [`parse`].
#[cfg(feature = "render")]
pub fn key_json_in(json: &str, options: &RenderOptions, fonts: &FontBook) -> Result<CacheKey, Error> {
    let snapshot = parse_checked(json, fonts, options, document::validate_available)?;
    Ok(key::cache_key_with(&snapshot, options, fonts))
}
