//! The widget's phrases: built in for English, German and Spanish, chosen by
//! the locale's language, each overridable by the host by key (SPEC §9.21).
//! Templates use `{name}` placeholders; numbers inside phrases are formatted
//! through `Intl` before they are filled in (SPEC §9.32).

#[allow(unused_imports)]
use crate::prelude::*;

macro_rules! phrases {
    ($( $key:ident $name:literal => $en:literal, $de:literal, $es:literal; )*) => {
        /// One phrase of the widget.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $( $key, )* }

        /// `(key name, English, German, Spanish)` of every phrase, in [`Key`] order.
        pub const TABLE: &[(&str, &str, &str, &str)] = &[ $( ($name, $en, $de, $es), )* ];
    };
}

phrases! {
    Summary "summary" => "{completed} of {total} complete", "{completed} von {total} erledigt", "{completed} de {total} completados";
    Position "position" => "Step {position} of {total}", "Schritt {position} von {total}", "Paso {position} de {total}";
    ProgressLabel "progressLabel" => "Progress", "Fortschritt", "Progreso";
    Pending "pending" => "Not started", "Nicht begonnen", "Sin empezar";
    Active "active" => "In progress", "In Arbeit", "En curso";
    Complete "complete" => "Done", "Erledigt", "Hecho";
    Skipped "skipped" => "Skipped", "Übersprungen", "Omitido";
    Blocked "blocked" => "Blocked", "Blockiert", "Bloqueado";
    Error "error" => "Needs attention", "Braucht Aufmerksamkeit", "Requiere atención";
    Optional "optional" => "Optional", "Optional", "Opcional";
    AnnounceComplete "announceComplete" => "{label}: done", "{label}: erledigt", "{label}: hecho";
    AnnounceCompleteMany "announceCompleteMany" => "{count} steps done", "{count} Schritte erledigt", "{count} pasos hechos";
    AnnounceMilestone "announceMilestone" => "{percent} done", "{percent} geschafft", "{percent} completado";
    Empty "empty" => "No steps yet", "Noch keine Schritte", "Aún no hay pasos";
    Stalled "stalled" => "No news since {when}. This is taking longer than expected.", "Keine Neuigkeiten seit {when}. Das dauert länger als erwartet.", "Sin novedades desde {when}. Esto está tardando más de lo esperado.";
    OutOfDate "outOfDate" => "Couldn't check for updates just now, so this may be out of date. Trying again.", "Gerade keine Aktualisierung möglich, daher ist das vielleicht nicht aktuell. Wir versuchen es weiter.", "No se pudo comprobar si hay novedades, así que esto puede no estar al día. Lo volvemos a intentar.";
    NotUpdating "notUpdating" => "Couldn't check for updates, so this may be out of date. Reload the page to try again.", "Keine Aktualisierung möglich, daher ist das vielleicht nicht aktuell. Lade die Seite neu, um es erneut zu versuchen.", "No se pudo comprobar si hay novedades, así que esto puede no estar al día. Vuelve a cargar la página para intentarlo de nuevo.";
    LessThanMinute "lessThanMinute" => "Less than a minute left", "Weniger als eine Minute übrig", "Queda menos de un minuto";
    AboutLeft "aboutLeft" => "About {duration} left", "Noch etwa {duration}", "Quedan unos {duration}";
    OptionalExtra "optionalExtra" => "plus {duration} for optional steps", "plus {duration} für optionale Schritte", "más {duration} de pasos opcionales";
    Learned "learned" => "based on your progress so far", "nach deinem bisherigen Tempo", "según tu progreso hasta ahora";
    Updated "updated" => "Updated {relative}", "Aktualisiert {relative}", "Actualizado {relative}";
    Heartbeat "heartbeat" => "Still working on it — last update {relative}", "Wir arbeiten noch daran – letzte Aktualisierung {relative}", "Seguimos en ello: última actualización {relative}";
    HearBack "hearBack" => "You'll hear back by {date} — {relative}", "Du hörst bis {date} von uns – {relative}", "Tendrás noticias antes del {date}: {relative}";
    Expected "expected" => "Expected by {date} — {relative}", "Erwartet bis {date} – {relative}", "Previsto para el {date}: {relative}";
    CompletedAt "completedAt" => "Completed {date}", "Erledigt am {date}", "Completado el {date}";
    DoneMessage "doneMessage" => "You're all caught up", "Alles erledigt", "Ya está todo al día";
    DoneSummary "doneSummary" => "{completed} of {total} steps complete", "{completed} von {total} Schritten erledigt", "{completed} de {total} pasos completados";
    DoneTook "doneTook" => "in {duration}", "in {duration}", "en {duration}";
    Reopened "reopened" => "Reopened", "Wieder geöffnet", "Reabierto";
    Locked "locked" => "Cannot start yet — finish {steps} first", "Noch nicht möglich – erst {steps} abschließen", "Aún no se puede empezar: termina antes {steps}";
    More "more" => "{count} more", "{count} weitere", "{count} más";
    Unlocked "unlocked" => "{label} can start now", "{label} kann jetzt beginnen", "{label} ya puede empezar";
    DoneGroup "doneGroup" => "Done ({count})", "Erledigt ({count})", "Hecho ({count})";
    TierPosition "tierPosition" => "Tier {position} of {total}", "Stufe {position} von {total}", "Nivel {position} de {total}";
    ToNext "toNext" => "{distance} {unit} to {tier}", "Noch {distance} {unit} bis {tier}", "{distance} {unit} para {tier}";
    ToNextNoUnit "toNextNoUnit" => "{distance} to {tier}", "Noch {distance} bis {tier}", "{distance} para {tier}";
    TopTier "topTier" => "Top tier reached", "Höchste Stufe erreicht", "Nivel máximo alcanzado";
    ShowSteps "showSteps" => "Show steps", "Schritte anzeigen", "Mostrar pasos";
    HideSteps "hideSteps" => "Hide steps", "Schritte ausblenden", "Ocultar pasos";
    ExpectedBy "expectedBy" => "Expected by {date}", "Erwartet bis {date}", "Previsto para el {date}";
    AboutLeftRange "aboutLeftRange" => "About {range} left", "Noch etwa {range}", "Quedan unos {range}";
    CompletedOnTime "completedOnTime" => "Completed {date} — on time", "Erledigt am {date} – pünktlich", "Completado el {date}: a tiempo";
    CompletedLate "completedLate" => "Completed {date} — {duration} late", "Erledigt am {date} – {duration} zu spät", "Completado el {date}: con {duration} de retraso";
    PromiseMissed "promiseMissed" => "We said {date} — still waiting", "Wir hatten {date} gesagt – wir warten noch", "Dijimos el {date}: seguimos esperando";
}

/// The phrases in use by one widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    values: Vec<String>,
}

impl Strings {
    /// The built-in phrases for a BCP 47 locale's language (`de-AT` -> German);
    /// English for every language without built-in phrases.
    pub fn for_locale(locale: &str) -> Strings {
        let lang = locale
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let pick = |row: &(&str, &'static str, &'static str, &'static str)| match lang.as_str() {
            "de" => row.2,
            "es" => row.3,
            _ => row.1,
        };
        Strings {
            values: TABLE.iter().map(|r| pick(r).to_string()).collect(),
        }
    }

    /// The phrase for `key`.
    pub fn get(&self, key: Key) -> &str {
        self.values
            .get(key as usize)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// Replaces phrases by key name. Returns the names that are not keys.
    pub fn apply_overrides(&mut self, pairs: &[(String, String)]) -> Vec<String> {
        let mut unknown = Vec::new();
        for (name, value) in pairs {
            match TABLE.iter().position(|r| r.0 == name) {
                Some(i) => {
                    if let Some(slot) = self.values.get_mut(i) {
                        *slot = crate::model::clip(value);
                    }
                }
                None => unknown.push(name.clone()),
            }
        }
        unknown
    }

    /// Fills the template of `key`.
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::for_locale("en")
    }
}

/// The parts of `text` between occurrences of the ASCII byte `at` (as
/// `str::split`), without the generic char searcher, whose slicing panic
/// would link the formatting machinery into the wasm.
pub fn split_ascii(text: &str, at: u8) -> SplitAscii<'_> {
    SplitAscii {
        rest: Some(text),
        at,
    }
}

/// The iterator of [`split_ascii`].
#[derive(Clone, Debug)]
pub struct SplitAscii<'a> {
    rest: Option<&'a str>,
    at: u8,
}

impl<'a> Iterator for SplitAscii<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match find_ascii(rest, self.at) {
            // An ASCII byte is always a char boundary, so both halves exist.
            Some(i) => {
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => self.rest.take(),
        }
    }
}

/// Where the ASCII byte `b` first occurs in `text`.
pub fn find_ascii(text: &str, b: u8) -> Option<usize> {
    text.bytes().position(|c| c == b)
}

/// `text` with every one of the characters `from` replaced by `to`: one
/// small loop for all callers instead of a generic `str::replace` and its
/// searcher per pattern type.
pub fn replace_chars(text: &str, from: &[char], to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if from.contains(&c) {
            out.push_str(to);
        } else {
            out.push(c);
        }
    }
    out
}

/// The parts end to end: one small loop instead of `[..].concat()`, whose
/// generic code the wasm would carry once per call shape.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p);
    }
    out
}

/// Text from data, made safe to embed in a phrase: when it holds bidi
/// controls or right-to-left letters it is wrapped in FIRST STRONG ISOLATE …
/// POP DIRECTIONAL ISOLATE, so an override inside a label (U+202E) cannot
/// reverse the words around it. Plain left-to-right text is left as it is.
pub fn isolate(text: &str) -> String {
    let needs = text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF
            | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
    });
    if needs {
        let mut s = String::with_capacity(text.len() + 6);
        s.push('\u{2068}');
        s.push_str(text);
        s.push('\u{2069}');
        s
    } else {
        text.to_string()
    }
}

/// `text` cut after `chars` characters, with "…" when it was longer.
pub fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => {
            let mut s = String::from(text.get(..end).unwrap_or_default());
            s.push('…');
            s
        }
        None => text.to_string(),
    }
}

/// Replaces each `{name}` in `template` with its value from `args`; unknown
/// placeholders are left as they are. Each value is filled in once: a
/// repeated placeholder stays as written, so that an overriding phrase
/// cannot repeat a long value hundreds of times (rule 50).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut used = 0u32;
    let mut rest = template;
    while let Some((before, tail)) = find_ascii(rest, b'{').and_then(|i| rest.split_at_checked(i)) {
        out.push_str(before);
        let Some(end) = find_ascii(tail, b'}') else {
            out.push_str(tail);
            return out;
        };
        let name = tail.get(1..end).unwrap_or_default();
        match args.iter().position(|(k, _)| *k == name) {
            Some(i) if i < 32 && used & (1 << i) == 0 => {
                used |= 1 << i;
                out.push_str(args.get(i).map_or("", |a| a.1));
            }
            _ => out.push_str(tail.get(..=end).unwrap_or_default()),
        }
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        let en = Strings::default();
        assert_eq!(
            en.fill(Key::Summary, &[("completed", "3"), ("total", "5")]),
            "3 of 5 complete"
        );
        assert_eq!(fill("{a}{b}{c}", &[("a", "x"), ("b", "y")]), "xy{c}");
        assert_eq!(
            fill("{a}{b}{a}", &[("a", "x"), ("b", "y")]),
            "xy{a}",
            "a value is filled in once"
        );
        assert_eq!(fill("keep {unknown} and {", &[]), "keep {unknown} and {");
        assert_eq!(
            fill("{label}", &[("label", "{label}")]),
            "{label}",
            "values are not re-scanned"
        );
    }

    #[test]
    fn shortened_at_a_character() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("ééé", 2), "éé…");
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn bidi_text_is_isolated_when_embedded() {
        assert_eq!(isolate("Connect your data"), "Connect your data");
        assert_eq!(
            isolate("Download \u{202E}gpj.exe"),
            "\u{2068}Download \u{202E}gpj.exe\u{2069}"
        );
        assert_eq!(isolate("ב"), "\u{2068}ב\u{2069}");
    }

    #[test]
    fn languages_and_overrides() {
        assert_eq!(Strings::for_locale("de-AT").get(Key::Complete), "Erledigt");
        assert_eq!(Strings::for_locale("es").get(Key::Complete), "Hecho");
        assert_eq!(Strings::for_locale("fr-FR").get(Key::Complete), "Done");
        assert_eq!(Strings::for_locale("").get(Key::Complete), "Done");
        let mut s = Strings::default();
        let unknown = s.apply_overrides(&[
            ("complete".into(), "Finished".into()),
            ("nope".into(), "x".into()),
        ]);
        assert_eq!(s.get(Key::Complete), "Finished");
        assert_eq!(unknown, ["nope"]);
    }

    #[test]
    fn every_phrase_keeps_its_placeholders_in_every_language() {
        for (name, en, de, es) in TABLE {
            let holes = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .map(String::from)
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(de), "{name} (de)");
            assert_eq!(holes(en), holes(es), "{name} (es)");
        }
        assert_eq!(TABLE.len(), Key::PromiseMissed as usize + 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The small text helpers the wasm uses instead of std's generic
        /// searchers agree with std.
        #[test]
        fn text_helpers_match_std(text in "[a-c,\u{1f}é{}:]{0,12}") {
            let mine: Vec<&str> = split_ascii(&text, b',').collect();
            let std: Vec<&str> = text.split(',').collect();
            proptest::prop_assert_eq!(mine, std);
            proptest::prop_assert_eq!(find_ascii(&text, b'{'), text.find('{'));
            proptest::prop_assert_eq!(replace_chars(&text, &[',', ':'], "--"), text.replace([',', ':'], "--"));
            proptest::prop_assert_eq!(concat(&[&text, "x", &text]), [text.as_str(), "x", &text].concat());
        }
    }
}
