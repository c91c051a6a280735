"""Default texts for the operator-specific pages, loaded by migration 0002_default_site_texts.

They are templates: every operator must replace the placeholders in [square brackets] and
have the texts checked before going live. The notice at the top of each text says so.
Content is German (it is data, not UI).
"""

from stadtgespraeche.pages.enums import SiteTextKey

TEMPLATE_NOTICE = (
    "> **Vorlage – bitte anpassen.** Dieser Text ist eine Vorlage. Der Betreiber dieser "
    "Installation muss ihn vor dem Betrieb vollständig anpassen und rechtlich prüfen lassen. "
    "Organisatorinnen und Organisatoren bearbeiten ihn im Organisationsbereich unter "
    "„Seitentexte“.\n\n"
)

DEFAULT_SITE_TEXTS: dict[str, dict[str, str]] = {
    SiteTextKey.LEGAL_NOTICE: {
        "title": "Impressum",
        "body": TEMPLATE_NOTICE
        + """## Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)

[Name der Kommune oder Organisation]
[Organisationseinheit, z. B. Stabsstelle Digitalisierung]
[Straße und Hausnummer]
[Postleitzahl und Ort]

**Vertreten durch:** [Name der vertretungsberechtigten Person, Funktion]

## Kontakt

Telefon: [Telefonnummer]
E-Mail: [E-Mail-Adresse]

## Umsatzsteuer-Identifikationsnummer

[falls vorhanden, sonst Abschnitt löschen]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag (MStV)

[Name, Anschrift]

## Hinweis zur Software

Diese Plattform wird mit der freien Software „Stadtgespräche“ betrieben.
""",
    },
    SiteTextKey.PRIVACY: {
        "title": "Datenschutzerklärung",
        "body": TEMPLATE_NOTICE
        + """## 1. Verantwortliche Stelle

[Name und Anschrift der verantwortlichen Stelle]
E-Mail: [E-Mail-Adresse]

## 2. Datenschutzbeauftragte oder Datenschutzbeauftragter

[Name oder Funktion, Kontaktdaten]

## 3. Welche Daten wir verarbeiten

- **Aufruf der Website:** Der Server verarbeitet technisch notwendige Daten wie die
  IP-Adresse und die aufgerufene Adresse, um die Seiten auszuliefern. [Speicherdauer von
  Server-Protokollen angeben.]
- **Benutzerkonten:** Konten werden nur auf Einladung angelegt. Gespeichert werden
  E-Mail-Adresse, Name, Rolle und die Zuordnung zu einer Kommune sowie die Angaben, die
  Sie selbst im Profil machen. Sie bestimmen, wer Ihre Profilangaben sehen kann.
- **Mitglied werden:** Bewirbt sich eine Kommune um die Mitgliedschaft, verarbeiten wir
  die Angaben der Kontaktperson und die Nachricht, um die Bewerbung zu bearbeiten.
  Grundlage ist Ihre Einwilligung.
- **Rückmeldungen zur Barrierefreiheit:** Nachrichten aus dem Rückmeldeformular werden
  per E-Mail an das Organisationsteam gesendet und nur zur Bearbeitung verwendet.
- **Sicherheitsprotokoll:** Sicherheitsrelevante Vorgänge (zum Beispiel Anmeldungen und
  Änderungen durch das Organisationsteam) werden protokolliert. [Speicherdauer angeben.]

## 4. Cookies

Die Website setzt nur technisch notwendige Cookies: für die Anmeldung (Sitzung), zum
Schutz von Formularen (CSRF) und für die gewählte Sprache. Es gibt keine Cookies zu
Werbe- oder Analysezwecken.

## 5. Keine Inhalte von Dritten

Schriften, Styles und Skripte werden vom eigenen Server geladen. Beim Aufruf werden keine
Daten an Dritte übermittelt.

## 6. Rechtsgrundlagen

[Rechtsgrundlagen nach Art. 6 Abs. 1 DSGVO je Verarbeitung angeben, z. B. lit. a
(Einwilligung), lit. e (Aufgabe im öffentlichen Interesse) in Verbindung mit dem
Landesrecht.]

## 7. Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der
Verarbeitung, auf Datenübertragbarkeit und auf Widerspruch. Eine Einwilligung können Sie
jederzeit für die Zukunft widerrufen. Sie können sich außerdem bei einer
Datenschutz-Aufsichtsbehörde beschweren. [Zuständige Aufsichtsbehörde angeben.]
""",
    },
}
