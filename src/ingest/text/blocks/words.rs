//! Function words of many languages: running prose in any of them is full of these, menus,
//! labels and link lists are not. Each list is small (the commonest articles, prepositions,
//! conjunctions, pronouns and auxiliaries), so no one language weighs more than another.

/// All lists merged, sorted, for binary search; lower case.
static WORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "not", "of", "on", "or", "she", "that", "the",
    "their", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with",
    // German
    "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine",
    "einem", "einen", "einer", "für", "hat", "ist", "mit", "nach", "nicht", "sich", "sie", "sind",
    "und", "von", "wie", "wird", "zu", "zum", "zur", // French
    "au", "aux", "avec", "ce", "ces", "dans", "du", "elle", "en", "est", "et", "il", "ils", "la",
    "le", "les", "leur", "mais", "ne", "ont", "par", "pas", "pour", "qui", "que", "se", "son",
    "sont", "sur", "un", "une", // Spanish, Portuguese, Italian
    "al", "como", "con", "da", "das", "de", "del", "do", "dos", "e", "el", "ella", "es", "esta",
    "este", "foi", "gli", "ha", "il", "las", "lo", "los", "mas", "na", "nas", "nel", "nella", "no",
    "non", "nos", "o", "os", "para", "per", "pero", "por", "que", "se", "su", "sus", "uma", "um",
    "una", "uno", "y", // Dutch, Scandinavian
    "af", "at", "av", "den", "det", "een", "er", "et", "för", "har", "het", "ikke", "inte", "jeg",
    "med", "men", "met", "niet", "og", "om", "op", "på", "som", "te", "til", "och", "van", "var",
    "voor", "zijn", // Polish, Czech, Slovak, Croatian, Slovenian
    "a", "ale", "i", "je", "jak", "jest", "na", "nie", "od", "po", "se", "sie", "się", "są", "ta",
    "to", "w", "we", "z", "za", "ze", "że", "že", "do", "pro", "jsou", "bylo",
    // Romanian, Hungarian, Finnish, Turkish, Indonesian
    "ai", "az", "bir", "bu", "ca", "cu", "da", "dan", "dari", "de", "di", "egy", "ei", "ja", "ke",
    "mai", "oli", "on", "pe", "se", "sebagai", "tidak", "untuk", "ve", "yang", "ile", "için", "és",
    "hogy", "nem", // Russian, Ukrainian, Bulgarian, Serbian (Cyrillic)
    "в", "во", "да", "для", "же", "за", "и", "из", "к", "как", "на", "не", "но", "о", "от", "по",
    "с", "со", "что", "это", "і", "у", "та", "що", "це", "се", // Greek
    "και", "να", "το", "τα", "της", "του", "των", "με", "για", "στο", "στην", "από",
];

fn sorted() -> &'static [&'static str] {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = WORDS.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// Whether `word` (a run of letters, any case) is a function word of one of the languages.
pub fn is_function_word(word: &str) -> bool {
    // Function words are short; lower-case into a stack buffer, never allocate.
    if word.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        if n + 4 > buf.len() {
            return false;
        }
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    let Ok(low) = std::str::from_utf8(&buf[..n]) else {
        return false;
    };
    sorted().binary_search(&low).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_of_several_languages() {
        for w in ["The", "und", "les", "que", "się", "что", "και", "yang"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["harbour", "Velmora", "menu", "2026"] {
            assert!(!is_function_word(w), "{w}");
        }
    }
}
