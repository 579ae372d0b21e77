"""Guessing which column holds which field, in the languages of the users."""

from __future__ import annotations

import pytest

from consulta.domain.model import Gender
from consulta.interchange.stakeholders import guess_mapping
from consulta.interchange.stakeholders_words import parse_consent, parse_gender

ALL = ["name", "sector", "organisation", "email", "phone", "district", "gender", "consent"]


@pytest.mark.parametrize(
    "headers",
    [
        ["Name", "Sector", "Organisation", "E-mail", "Phone", "District", "Gender", "Consent"],
        [
            "Nombre",
            "Sector",
            "Organización",
            "Correo",
            "Teléfono",
            "Distrito",
            "Género",
            "Consentimiento",
        ],
        ["Nome", "Setor", "Entidade", "E-mail", "Telefone", "Bairro", "Sexo", "Consentimento"],
        [
            "Nom",
            "Secteur",
            "Organisme",
            "Courriel",
            "Téléphone",
            "Quartier",
            "Genre",
            "Consentement",
        ],
        [
            "Nom i cognoms",
            "Sector",
            "Entitat",
            "Correu electrònic",
            "Telèfon",
            "Districte",
            "Gènere",
            "Consentiment",
        ],
        [
            "  NOMBRE ",
            "SECTOR",
            "ENTIDAD",
            "CORREO ELECTRONICO",
            "TELEFONO",
            "DISTRITO",
            "GENERO",
            "CONSENTIMIENTO",
        ],
    ],
    ids=["en", "es", "pt", "fr", "ca", "es-upper-no-accents"],
)
def test_headers_in_each_language(headers: list[str]) -> None:
    assert guess_mapping(headers) == dict(enumerate(ALL))


def test_headers_with_more_words_and_other_columns() -> None:
    headers = [
        "N°",
        "Nombre de la organización",
        "Nombre y apellidos",
        "Correo electrónico de contacto",
        "Teléfono móvil",
        "Observaciones",
        "Sector / grupo de interés",
        "¿Acepta ser nombrado en el acta?",
    ]
    assert guess_mapping(headers) == {
        1: "organisation",
        2: "name",
        3: "email",
        4: "phone",
        6: "sector",
        7: "consent",
    }


def test_each_field_once_exact_header_wins() -> None:
    # "E-mail" is exact; "Mail of the organisation" only contains a word.
    headers = ["Mail of the organisation", "Name", "E-mail", "Sector", "Name"]
    assert guess_mapping(headers) == {1: "name", 2: "email", 3: "sector"}


def test_words_inside_other_words_do_not_count() -> None:
    assert guess_mapping(["Hotel", "Nominee", "Sectorial budget x"]) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F", Gender.FEMALE),
        ("mujer", Gender.FEMALE),
        ("Femenino", Gender.FEMALE),
        ("feminino", Gender.FEMALE),
        ("Femme", Gender.FEMALE),
        ("dona", Gender.FEMALE),
        ("M", Gender.MALE),
        ("Hombre", Gender.MALE),
        ("masculino", Gender.MALE),
        ("HOMME", Gender.MALE),
        ("home", Gender.MALE),
        ("otro", Gender.OTHER),
        ("Outro", Gender.OTHER),
        ("autre", Gender.OTHER),
        ("altre", Gender.OTHER),
        ("no binario", Gender.OTHER),
        ("", None),
        ("  ", None),
    ],
)
def test_gender_words(text: str, expected: Gender | None) -> None:
    assert parse_gender(text) == (expected, True)


def test_unknown_gender_is_reported() -> None:
    assert parse_gender("alien") == (None, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Sí", True),
        ("si", True),
        ("SIM", True),
        ("oui", True),
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("no", False),
        ("Não", False),
        ("non", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_consent_words(text: str, expected: bool) -> None:
    assert parse_consent(text) == (expected, True)


def test_unknown_consent_is_reported() -> None:
    assert parse_consent("maybe") == (False, False)
