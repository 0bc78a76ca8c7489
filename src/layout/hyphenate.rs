//! Hyphenation of justified text in the document's language (`lang`), with the
//! Knuth-Liang patterns of TeX through the hypher crate (F. M. Liang, "Word
//! Hy-phen-a-tion by Com-put-er", Stanford, 1983). Each word gets soft hyphens
//! (U+00AD) between its syllables, which line breaking already takes as places to
//! break with a hyphen shown ([`super::wrap::Breaks`]).
//!
//! The languages are those of [`LANGUAGES`]; text in others is justified without
//! hyphens. Builds without the `media` feature hyphenate nothing, and validation sends
//! a snapshot that would be hyphenated to the media module.

/// The languages snapdf hyphenates, by ISO 639-1 code: Catalan, English, Spanish,
/// French, Italian and Portuguese. (German's patterns alone would add 150 KB,
/// compressed, to the module.)
pub const LANGUAGES: [&str; 6] = ["ca", "en", "es", "fr", "it", "pt"];

/// The hyphenation language of a BCP 47 tag: its primary subtag, if snapdf
/// hyphenates it (`en-GB` is `en`).
pub fn language(tag: &str) -> Option<[u8; 2]> {
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    let code: [u8; 2] = primary.as_bytes().try_into().ok()?;
    LANGUAGES.contains(&primary.as_str()).then_some(code)
}

/// `text` with a soft hyphen between the syllables of each word of `lang`'s (a word:
/// letters only; one that has a soft hyphen already is left as written), or `None`
/// if no word changes.
#[cfg(feature = "media")]
pub fn hyphenate(text: &str, lang: [u8; 2]) -> Option<String> {
    let lang = hypher::Lang::from_iso(lang)?;
    let mut out = String::new();
    let mut from = 0; // the end of what `out` holds
    let mut words = text.char_indices().peekable();
    while let Some((start, c)) = words.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some((i, c)) = words.next_if(|&(_, c)| c.is_alphabetic() || c == '\u{AD}') {
            end = i + c.len_utf8();
        }
        let word = &text[start..end];
        if word.contains('\u{AD}') {
            continue;
        }
        let mut syllables = hypher::hyphenate(word, lang);
        if syllables.len() < 2 {
            continue;
        }
        out.push_str(&text[from..start]);
        if let Some(first) = syllables.next() {
            out.push_str(first);
        }
        for s in syllables {
            out.push('\u{AD}');
            out.push_str(s);
        }
        from = end;
    }
    if from == 0 {
        return None;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// Nothing in builds without the `media` feature (see the module's documentation).
#[cfg(not(feature = "media"))]
pub fn hyphenate(_: &str, _: [u8; 2]) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_the_primary_subtag() {
        assert_eq!(language("en-GB"), Some(*b"en"));
        assert_eq!(language("FR"), Some(*b"fr"));
        assert_eq!(language("de"), None);
        assert_eq!(language("eng"), None);
    }

    #[test]
    #[cfg(feature = "media")]
    fn words_get_soft_hyphens_between_syllables() {
        let out = hyphenate("Hyphenation, as computers do it.", *b"en").expect("changed");
        assert_eq!(out.replace('\u{AD}', "-"), "Hy-phen-ation, as com-put-ers do it.");
        assert_eq!(hyphenate("a cat", *b"en"), None, "short words stay whole");
        assert_eq!(hyphenate("com\u{AD}puters", *b"en"), None, "the writer's own hyphens are kept");
    }
}
