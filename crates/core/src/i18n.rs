//! The widget's phrases: built in for English, German and Spanish, chosen by
//! the locale's language, each overridable by the host by key (rule 21).
//! Templates use `{name}` placeholders; numbers inside phrases are formatted
//! through `Intl` before they are filled in (rule 32).

#[allow(unused_imports)]
use crate::prelude::*;

use crate::text::fill;

/// Locale-aware formatting the shell provides (through `Intl` in the browser).
pub trait Format {
    /// A count, e.g. "1,000".
    fn number(&self, n: f64) -> String;
    /// A fraction as a percentage, e.g. 0.6 -> "60%".
    fn percent(&self, fraction: f64) -> String;
    /// A short duration, e.g. 120 s -> "2 min".
    fn duration(&self, secs: f64) -> String;
    /// A wall-clock moment (ms since epoch), e.g. "Nov 20, 2026, 2:00 PM".
    fn date_time(&self, ms: f64) -> String;
    /// A nearby moment in the shortest clear form, e.g. "Fri 2:00 PM".
    fn when(&self, ms: f64, now: f64) -> String;
    /// A duration in words, e.g. 420 s -> "7 minutes".
    fn duration_long(&self, secs: f64) -> String;
    /// A relative time, e.g. (-2, Minute) -> "2 minutes ago".
    fn relative(&self, value: f64, unit: crate::plan::clock::Unit) -> String;
    /// A list in words, e.g. ["A", "B", "C"] -> "A, B, and C".
    fn list(&self, items: &[String]) -> String;
    /// A range of durations in words, in the unit of the larger, e.g.
    /// (240 s, 360 s) -> "4–6 minutes".
    fn duration_range(&self, low: f64, high: f64) -> String {
        crate::text::concat(&[&self.duration_long(low), "–", &self.duration_long(high)])
    }
    /// The offset of time zone `zone` (an IANA name; empty: the viewer's
    /// zone) from UTC at instant `utc_ms`, in milliseconds (rule 42). The
    /// default is UTC.
    fn zone_offset(&self, zone: &str, utc_ms: f64) -> f64 {
        let _ = (zone, utc_ms);
        0.0
    }
}

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
                        *slot = crate::text::clip(value);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fill;

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
}
