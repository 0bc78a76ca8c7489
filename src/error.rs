//! The crate's error type and the stable codes callers branch on.

#[cfg(feature = "render")]
use crate::document;

/// Why a snapshot could not be rendered or keyed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The snapshot is malformed or breaks a rule (see [`document::Error`]).
    #[cfg(feature = "render")]
    #[error(transparent)]
    Snapshot(#[from] document::Error),
    /// A cache layer refused an entry (see [`crate::cache::CacheError`]).
    #[error(transparent)]
    Cache(#[from] crate::cache::CacheError),
    /// A metric could not be recorded or merged (see [`crate::metrics::MetricsError`]).
    #[error(transparent)]
    Metrics(#[from] crate::metrics::MetricsError),
    /// The rendering options are wrong; `path` names the option.
    #[error("options{}{path}: {message}", if path.is_empty() { "" } else { "." })]
    Options {
        /// The option's path, e.g. `compression`.
        path: String,
        /// What was expected.
        message: String,
    },
}

/// A refused font file is an option error at `fonts[i]`.
#[cfg(feature = "render")]
impl From<crate::fonts::FontError> for Error {
    fn from(e: crate::fonts::FontError) -> Self {
        Error::Options { path: format!("fonts[{}]", e.index), message: e.message }
    }
}

impl Error {
    /// A stable code for the kind of error, for programs to branch on:
    ///
    /// | code | meaning |
    /// |---|---|
    /// | `INVALID_JSON` | the input is not well-formed JSON |
    /// | `INVALID_SNAPSHOT` | a value has the wrong type or breaks a rule |
    /// | `UNSUPPORTED_CHARACTER` | text the fonts cannot print |
    /// | `LIMIT_EXCEEDED` | the snapshot is larger than a limit |
    /// | `MEDIA_UNAVAILABLE` | images or supplied fonts, in a build without them (the base module) |
    /// | `INVALID_OPTIONS` | a rendering option is wrong |
    /// | `CACHE_ENTRY_TOO_LARGE` | a PDF is larger than a cache layer's whole budget |
    /// | `INVALID_METRIC` | a bad metric name or value, or metrics that cannot merge |
    pub fn code(&self) -> &'static str {
        match self {
            #[cfg(feature = "render")]
            Error::Snapshot(document::Error::Json { .. }) => "INVALID_JSON",
            #[cfg(feature = "render")]
            Error::Snapshot(document::Error::Invalid { .. }) => "INVALID_SNAPSHOT",
            #[cfg(feature = "render")]
            Error::Snapshot(document::Error::Unencodable(_) | document::Error::Missing { .. }) => {
                "UNSUPPORTED_CHARACTER"
            }
            #[cfg(feature = "render")]
            Error::Snapshot(document::Error::Limit { .. }) => "LIMIT_EXCEEDED",
            #[cfg(feature = "render")]
            Error::Snapshot(document::Error::Unavailable { .. }) => "MEDIA_UNAVAILABLE",
            Error::Options { .. } => "INVALID_OPTIONS",
            Error::Cache(crate::cache::CacheError::TooLarge { .. }) => "CACHE_ENTRY_TOO_LARGE",
            Error::Metrics(_) => "INVALID_METRIC",
        }
    }

    /// The JSON path the error names (`blocks[3].rows[17][2]`), if any. Option paths
    /// start with `options.`.
    pub fn path(&self) -> Option<String> {
        match self {
            #[cfg(feature = "render")]
            Error::Snapshot(e) => e.path().map(str::to_owned),
            Error::Cache(_) | Error::Metrics(_) => None,
            Error::Options { path, .. } if path.is_empty() => Some("options".to_owned()),
            Error::Options { path, .. } => Some(format!("options.{path}")),
        }
    }
}
