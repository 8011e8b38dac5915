//! Function words of many languages: running prose in any of them is full of these, menus,
//! labels and link lists are not. Each list is small (the commonest articles, prepositions,
//! conjunctions, pronouns and auxiliaries), so no one language weighs more than another.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::super::signals::is_alnum;

/// All lists merged; lower case.
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

/// The words as a set of their bytes packed into a number (see `packed`): a lookup per
/// word of every line, hashed with one multiplication.
fn set() -> &'static HashSet<u64, BuildHasherDefault<Mul>> {
    static SET: OnceLock<HashSet<u64, BuildHasherDefault<Mul>>> = OnceLock::new();
    SET.get_or_init(|| WORDS.iter().filter_map(|w| packed(w.as_bytes())).collect())
}

/// Up to `LONGEST` bytes as one number (no word holds a zero byte, so none collide).
fn packed(bytes: &[u8]) -> Option<u64> {
    let mut b = [0u8; LONGEST];
    b.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u64::from_le_bytes(b))
}

/// A hasher for the packed words.
#[derive(Default)]
struct Mul(u64);

impl Hasher for Mul {
    fn finish(&self) -> u64 {
        self.0 ^ self.0 >> 29
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The longest word of the lists, in bytes: longer words are never looked up.
const LONGEST: usize = 8;

#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Keys of how a line starts and ends: its first two words and its last word, folded to
/// lower case (0 when it has none). Lines of a listing or of comments often share them ("X
/// says:", "Click to share on ..."), lines of running text seldom do.
pub fn edge_keys(line: &str) -> (u64, u64) {
    let mut words = line.split(|c: char| !is_alnum(c)).filter(|w| !w.is_empty());
    let fold = |h: &mut Fnv, w: &str| {
        for c in w.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
        h.write_u8(b' ');
    };
    let mut first = Fnv::default();
    for w in words.by_ref().take(2) {
        fold(&mut first, w);
    }
    let mut last = Fnv::default();
    if let Some(w) = line.rsplit(|c: char| !is_alnum(c)).find(|w| !w.is_empty()) {
        fold(&mut last, w);
    }
    (first.finish(), last.finish())
}

/// Whether `word` (a run of letters, any case) is a function word of one of the languages.
pub fn is_function_word(word: &str) -> bool {
    if word.len() > LONGEST {
        return false;
    }
    // Lower-cased into a stack buffer: never allocate.
    let mut buf = [0u8; 4 * LONGEST];
    let mut n = 0;
    if word.is_ascii() {
        for (l, b) in buf.iter_mut().zip(word.bytes()) {
            *l = b.to_ascii_lowercase();
        }
        n = word.len();
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            if n + 4 > buf.len() {
                return false;
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
    }
    packed(&buf[..n]).is_some_and(|key| set().contains(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_of_several_languages() {
        for w in ["The", "und", "les", "que", "się", "что", "και", "yang"] {
            assert!(is_function_word(w), "{w}");
        }
        assert!(WORDS.iter().all(|w| w.len() <= LONGEST));
        for w in ["harbour", "Velmora", "menu", "2026"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn edge_keys_fold_case_and_skip_punctuation() {
        assert_eq!(edge_keys("Anna says:").1, edge_keys("bob SAYS").1);
        assert_eq!(
            edge_keys("Click to share on X").0,
            edge_keys("click To email").0
        );
        assert_ne!(edge_keys("Click to share").0, edge_keys("Click here").0);
        assert_eq!(edge_keys(" -- "), (0, 0));
    }
}
