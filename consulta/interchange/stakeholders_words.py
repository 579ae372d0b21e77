"""The words partners use in stakeholder lists: column headers, genders and yes/no, in
English, Spanish, Portuguese, French and Catalan (compared accent- and case-insensitively)."""

from __future__ import annotations

import re

from consulta.domain.model import Gender
from consulta.domain.text import fold
from consulta.i18n import N_, _

FIELDS: tuple[str, ...] = (
    "name",
    "sector",
    "organisation",
    "email",
    "phone",
    "district",
    "gender",
    "consent",
)

_FIELD_LABELS = {
    "name": N_("Name"),
    "sector": N_("Sector"),
    "organisation": N_("Organisation"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "district": N_("District"),
    "gender": N_("Gender"),
    "consent": N_("Consent to be named"),
}


def field_label(field: str) -> str:
    """The translated name of a field, for the mapping step."""
    return _(_FIELD_LABELS[field])


# Header words and phrases per field, written as they appear (normalised when compared).
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "person",
        "participant",
        "contact",
        "contact name",
        "first and last name",
        "nombre",
        "nombres",
        "nombre completo",
        "nombre y apellido",
        "nombre y apellidos",
        "apellidos y nombre",
        "participante",
        "persona",
        "nome",
        "nome completo",
        "nom",
        "nom complet",
        "nom et prénom",
        "prénom et nom",
        "nom i cognoms",
        "nom complert",
    ),
    "sector": (
        "sector",
        "sectors",
        "setor",
        "secteur",
        "stakeholder group",
        "stakeholder",
        "group",
        "grupo",
        "grupo de interés",
        "groupe",
        "grup",
        "tipo de actor",
        "actor",
    ),
    "organisation": (
        "organisation",
        "organization",
        "org",
        "organisme",
        "organización",
        "organizacion",
        "organização",
        "organització",
        "entidad",
        "entitat",
        "entidade",
        "entité",
        "institución",
        "institution",
        "instituição",
        "institució",
        "empresa",
        "company",
        "entreprise",
        "affiliation",
        "afiliación",
        "filiação",
        "organismo",
        "órgão",
        "employer",
        "agency",
    ),
    "email": (
        "email",
        "e-mail",
        "mail",
        "email address",
        "e-mail address",
        "correo",
        "correos",
        "correo electrónico",
        "correo-e",
        "correu",
        "correu electrònic",
        "courriel",
        "adresse électronique",
        "adresse e-mail",
        "endereço de e-mail",
        "endereço eletrônico",
    ),
    "phone": (
        "phone",
        "telephone",
        "phone number",
        "mobile",
        "cell",
        "tel",
        "teléfono",
        "telefono",
        "telefone",
        "téléphone",
        "telèfon",
        "móvil",
        "celular",
        "portable",
        "telemóvel",
        "mòbil",
        "whatsapp",
    ),
    "district": (
        "district",
        "distrito",
        "districte",
        "barrio",
        "bairro",
        "quartier",
        "barri",
        "comuna",
        "territory",
        "territorio",
        "território",
        "territoire",
        "territori",
        "zona",
        "zone",
        "ward",
        "localidad",
        "localidade",
        "localité",
        "arrondissement",
    ),
    "gender": ("gender", "sex", "género", "genero", "sexo", "genre", "sexe", "gènere"),
    "consent": (
        "consent",
        "consents",
        "consent to be named",
        "consentimiento",
        "consentimento",
        "consentement",
        "consentiment",
        "autorización",
        "autorizacion",
        "autorização",
        "autorisation",
        "autorització",
        "permission",
        "permiso",
        "acepta",
        "accepte",
        "consiente",
        "consente",
        "autoriza",
        "autorise",
    ),
}


def normalise_header(text: str) -> str:
    """'  Correo-Electrónico ' -> 'correo electronico'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


_PHRASES: list[tuple[str, str]] = sorted(
    ((normalise_header(w), f) for f, words in _HEADER_WORDS.items() for w in words),
    key=lambda pair: -len(pair[0]),
)
_EXACT: dict[str, str] = {phrase: f for phrase, f in _PHRASES}


def _field_of(header: str) -> tuple[str, int] | None:
    """The field a header names and how sure we are (2 exact, 1 by a word in it)."""
    text = normalise_header(header)
    if not text:
        return None
    if text in _EXACT:
        return _EXACT[text], 2
    padded = f" {text} "
    found: list[tuple[int, str]] = []
    for phrase, f in _PHRASES:
        at = padded.find(f" {phrase} ")
        if at >= 0:
            found.append((at, f))
    if not found:
        return None
    found.sort()
    first = found[0][1]
    if first == "name":  # "Nombre de la organización" is the organisation, not a person
        later = [f for _at, f in found if f != "name"]
        if later:
            return later[0], 1
    return first, 1


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index (0-based) -> field, for the headers we recognise; each field once."""
    candidates = []
    for index, header in enumerate(headers):
        guess = _field_of(header)
        if guess:
            candidates.append((-guess[1], index, guess[0]))
    mapping: dict[int, str] = {}
    for _sure, index, f in sorted(candidates):
        if f not in mapping.values():
            mapping[index] = f
    return dict(sorted(mapping.items()))


# -- values ------------------------------------------------------------------------------

_GENDER_WORDS: dict[Gender, tuple[str, ...]] = {
    Gender.FEMALE: (
        "f",
        "female",
        "woman",
        "w",
        "mujer",
        "femenino",
        "femenina",
        "feminino",
        "feminina",
        "mulher",
        "femme",
        "feminin",
        "feminine",
        "dona",
        "femeni",
        "femenina",
    ),
    Gender.MALE: (
        "m",
        "male",
        "man",
        "h",
        "hombre",
        "varon",
        "masculino",
        "homem",
        "homme",
        "masculin",
        "home",
        "masculi",
    ),
    Gender.OTHER: (
        "o",
        "other",
        "x",
        "otro",
        "otra",
        "otre",
        "outro",
        "outra",
        "autre",
        "altre",
        "non binary",
        "nonbinary",
        "no binario",
        "nao binario",
        "non binaire",
        "no binari",
        "diverse",
        "diverso",
    ),
}
_GENDERS = {normalise_header(w): g for g, words in _GENDER_WORDS.items() for w in words}

_YES = (
    "yes",
    "y",
    "si",
    "sim",
    "oui",
    "true",
    "1",
    "x",
    "s",
    "verdadero",
    "vrai",
    "verdadeiro",
    "cert",
    "ok",
    "acepto",
    "accepte",
    "aceita",
)
_NO = ("no", "n", "nao", "non", "false", "0", "falso", "faux", "fals")
_BOOLS = {**{w: True for w in _YES}, **{w: False for w in _NO}}


def parse_gender(text: str) -> tuple[Gender | None, bool]:
    """(gender, understood): empty is (None, True); an unknown word is (None, False)."""
    key = normalise_header(text)
    if not key:
        return None, True
    gender = _GENDERS.get(key)
    return gender, gender is not None


def parse_consent(text: str) -> tuple[bool, bool]:
    """(consent, understood): empty means no consent."""
    key = normalise_header(text)
    if not key:
        return False, True
    value = _BOOLS.get(key)
    return bool(value), value is not None
