//! Word lists for the anonymisation lint, and the checks of the words around a match.

/// Common UK first names, one a line; see the file for the names left out on purpose.
pub(super) const FIRST_NAMES: &str = include_str!("first_names.txt");

/// Capitalised words that follow a title without being a name ("Lord Chancellor").
pub(super) const AFTER_TITLE_NOT_NAME: &str =
    "Chancellor Mayor Mayoress Justice Lieutenant Chief Speaker Advocate Chairman Chair \
     President Bishop";

/// Capitalised words that end a name after a title ("Ms B The Council" lacks a full stop).
pub(super) const NOT_PART_OF_NAME: &str =
    "The And Or But In On At To We He She It They This That His Her Their Council Ombudsman I";

/// Words before a first name that make it part of a place or an institution ("St Anne").
pub(super) const PLACE_PREFIXES: &str =
    "St St. Saint King King's King’s Kings Queen Queen's Queen’s Prince Princess Port Fort \
     Mount Old Lake Loch Glen Isle";

/// Words after a first name that make it the name of a place or an institution.
pub(super) const INSTITUTION_WORDS: &str =
    "Street Road Avenue Lane Close Drive Way Crescent Place Gardens Court Terrace Grove \
     Square Mews Row Walk Hill Park Green Estate House Home Homes Hall Lodge Manor Cottage \
     Cottages Care Centre Center Hospital Hospice Surgery Practice Clinic Health Medical \
     School Academy College University Nursery Primary Infant Infants Junior Nursing Trust \
     Foundation Ltd Limited Plc LLP Group Services Ward Unit Dock Palace Building Buildings \
     Church Chapel Memorial Institute Library Tower Towers Village Leisure Community";

/// Words before `Court` that make it a court of law, not a street.
pub(super) const COURTS_OF_LAW: &str =
    "High County Crown Magistrates Magistrates' Magistrates’ Family Supreme Appeal Youth \
     Coroner's Coroner’s Coroners";

pub(super) const STREET_WORDS: &str = "Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace|Grove|Square|Mews|Row|Walk|Hill|Park|Rise|View|Green|Parade|Vale|Boulevard|Wharf";

/// Whether `word` is one of the space-separated words of `list`.
pub(super) fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// The name after a title without words that start a new phrase ("Mr X The Council").
pub(super) fn without_trailing_stop_words(name: &str) -> &str {
    let mut name = name;
    while let Some(pos) = name.rfind(char::is_whitespace) {
        let last = name[pos..].trim_start();
        if !listed(NOT_PART_OF_NAME, last) && last.chars().count() > 1 {
            break;
        }
        name = name[..pos].trim_end();
    }
    name
}

/// Whether `at` follows a space and a word of prose, unlike "26(6)(A)" or "Schedule 2 (A)".
pub(super) fn after_prose_word(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let trimmed = before.trim_end();
    trimmed.len() < before.len()
        && trimmed
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic())
}

/// Whether the text after a letter A makes it a qualification ("her son A-levels", "A level").
pub(super) fn is_a_level(after: &str) -> bool {
    let after = after.strip_prefix('-').unwrap_or(after).trim_start();
    after.starts_with("level") || after.starts_with("Level")
}

pub(super) fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

pub(super) fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether the name at `start..end` belongs to a place or an institution ("St Anne's Care
/// Home", "Elizabeth House", "Queen Alexandra Hospital").
pub(super) fn is_place_name(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let prev_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if start > before.len() && listed(PLACE_PREFIXES, prev_word) {
        return true;
    }
    let rest = text[end..]
        .trim_start_matches("'s")
        .trim_start_matches("’s");
    for word in rest.split_whitespace().take(3) {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if listed(INSTITUTION_WORDS, word) {
            return true;
        }
        if !word.starts_with(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Where a National Insurance number starts, given where its digits start: two capital
/// letters, perhaps a space, then the digits ("QQ 12 34 56 C"); `None` if they are not there.
pub(super) fn ni_prefix_start(text: &str, digits: usize) -> Option<usize> {
    let before = &text[..digits];
    let before = before.strip_suffix([' ', '\t', '\u{a0}']).unwrap_or(before);
    let letters = before.len().checked_sub(2)?;
    let prefix = before.get(letters..)?;
    let clean_start = !prev_char(text, letters).is_some_and(char::is_alphanumeric);
    (prefix.bytes().all(|b| b.is_ascii_uppercase()) && clean_start).then_some(letters)
}

// Names and street names are read by hand rather than by regex: Unicode letter classes make a
// regex take milliseconds to compile and to search, more than all the other rules together.

/// Where a capitalised word starting at `at` ends, as names are written: a capital, perhaps an
/// apostrophe and a capital (O’Brien), letters, and capitalised parts after hyphens
/// (Hughes-Jones); the pattern `\p{Lu}(?:['’]\p{Lu})?\p{L}*(?:-\p{Lu}\p{L}+)*`, with capitals and
/// letters as `char` reads them (which also counts Roman numerals and circled letters).
fn capitalised_word(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let first = rest.chars().next().filter(|c| c.is_uppercase())?;
    let mut end = first.len_utf8();
    let mut next = rest[end..].chars();
    if let (Some(mark @ ('\'' | '’')), Some(capital)) = (next.next(), next.next()) {
        if capital.is_uppercase() {
            end += mark.len_utf8() + capital.len_utf8();
        }
    }
    end += run_len(&rest[end..], char::is_alphabetic);
    loop {
        let mut next = rest[end..].chars();
        let (Some('-'), Some(capital)) = (next.next(), next.next()) else {
            break;
        };
        let letters = run_len(next.as_str(), char::is_alphabetic);
        if !capital.is_uppercase() || letters == 0 {
            break;
        }
        end += 1 + capital.len_utf8() + letters;
    }
    Some(at + end)
}

/// Length in bytes of the run of characters at the start of `text` that pass `keep`.
fn run_len(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !keep(c)).unwrap_or(text.len())
}

/// Where the name after a title ends, if one starts at `at`: one to three capitalised words
/// separated by spaces, tabs or no-break spaces.
pub(super) fn name_after_title(text: &str, at: usize) -> Option<usize> {
    let mut end = capitalised_word(text, at)?;
    for _ in 0..2 {
        let gap = run_len(&text[end..], |c| matches!(c, ' ' | '\t' | '\u{a0}'));
        match capitalised_word(text, end + gap) {
            Some(word_end) if gap > 0 => end = word_end,
            _ => break,
        }
    }
    Some(end)
}

/// The street name after a house number at `at`: one to three capitalised words, each followed
/// by white space, then a street word ("Acacia Avenue"). Gives where the words end (with their
/// white space) and where the street word ends; the most words win, as in a greedy pattern.
pub(super) fn street_after_number(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut after_words = Vec::with_capacity(3);
    let mut pos = at;
    while after_words.len() < 3 && text[pos..].starts_with(char::is_uppercase) {
        let first = text[pos..].chars().next().map_or(0, char::len_utf8);
        let word = first
            + run_len(&text[pos + first..], |c| {
                c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-')
            });
        let space = run_len(&text[pos + word..], char::is_whitespace);
        if space == 0 {
            break;
        }
        pos += word + space;
        after_words.push(pos);
    }
    after_words
        .into_iter()
        .rev()
        .find_map(|words_end| Some((words_end, street_word_at(text, words_end)?)))
}

/// Where a street word ("Road", "St") at `at` ends, if one stands there as a whole word.
fn street_word_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    STREET_WORDS.split('|').find_map(|word| {
        let whole = rest.starts_with(word)
            && !rest
                .as_bytes()
                .get(word.len())
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        whole.then_some(at + word.len())
    })
}
