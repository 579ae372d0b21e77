"""A seeded generator of a national-scale consultation as an interchange document.

    python benchmarks/generate.py OUT.json                 # the JSON document
    python benchmarks/generate.py --consulta OUT.consulta  # a .consulta file (via import)
    python benchmarks/generate.py --districts 4 --participants 2400 ... OUT.json

Defaults: 40 districts × 30 sessions (1,200 sessions), 24,000 participants, 30,000
attendances, 80,000 positions, 40 guidelines, 7 sectors, 2,000 organisations, 4 agenda
items per session. The same seed gives the same document, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FIRST = [
    "María",
    "José",
    "Ana",
    "Lucía",
    "Carmen",
    "Sofía",
    "Valentina",
    "Camila",
    "Isabel",
    "Paula",
    "Elena",
    "Laura",
    "Marta",
    "Julia",
    "Beatriz",
    "Rosa",
    "Teresa",
    "Gabriela",
    "Daniela",
    "Fernanda",
    "Juan",
    "Carlos",
    "Luis",
    "Miguel",
    "Jorge",
    "Andrés",
    "Pedro",
    "Pablo",
    "Diego",
    "Javier",
    "Manuel",
    "Alejandro",
    "Ricardo",
    "Fernando",
    "Sergio",
    "Raúl",
    "Tomás",
    "Joaquín",
    "Martín",
    "Nicolás",
    "João",
    "Thiago",
    "Mireia",
    "Jordi",
    "Núria",
    "Aitor",
    "Iñaki",
    "Begoña",
    "Zoé",
    "Noémie",
]
LAST = [
    "García",
    "Rodríguez",
    "González",
    "Fernández",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Morales",
    "Suárez",
    "Ortega",
    "Delgado",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Núñez",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Castillo",
    "Santos",
    "Lozano",
    "Guerrero",
    "Cano",
    "Prieto",
    "Méndez",
    "Cruz",
    "Calvo",
    "Gallego",
    "Vidal",
    "León",
    "Márquez",
    "Herrera",
    "Peña",
    "Flores",
    "Cabrera",
    "Campos",
    "Vega",
    "Fuentes",
    "Carrasco",
    "Díez",
    "Caballero",
    "Reyes",
    "Nieto",
    "Aguilar",
    "Pascual",
    "Silva",
    "Pereira",
    "Oliveira",
    "Costa",
    "Puig",
    "Ferrer",
    "Soler",
    "Vila",
    "Etxeberria",
]
DISTRICTS = [
    "Centro",
    "Norte",
    "Sur",
    "Este",
    "Oeste",
    "Puerto",
    "Ribera",
    "Llanura",
    "Sierra",
    "Valle",
    "Bahía",
    "Colinas",
    "Prado",
    "Alameda",
    "Arrabal",
    "Ensanche",
    "Mercado",
    "Estación",
    "Universidad",
    "Hospital",
    "Castillo",
    "Molinos",
    "Olivar",
    "Viñedos",
    "Salinas",
    "Cañada",
    "Fuente",
    "Atalaya",
    "Mirador",
    "Riberas",
    "Altamira",
    "Bellavista",
    "Buenavista",
    "Campoamor",
    "Floresta",
    "Lagunas",
    "Montecillo",
    "Palmeras",
    "Quintas",
    "Rosales",
    "Santa",
    "Rita",
    "Solana",
    "Torreblanca",
    "Umbría",
    "Vistalegre",
]
SECTORS = (
    ("Administración pública", True),
    ("Sector privado", True),
    ("Academia", True),
    ("Ciudadanía y sociedad civil", True),
    ("Misiones diplomáticas y consulados", True),
    ("Agencias y redes de cooperación internacional", True),
    ("Medios de comunicación", False),
)
ORG_KINDS = (
    ("Secretaría de {x}", "Dirección de {x}", "Concejo Municipal de {x}"),
    ("Cámara de Comercio de {x}", "Asociación de Empresarios de {x}", "Sindicato de {x}"),
    ("Universidad de {x}", "Instituto de Investigación de {x}", "Escuela Técnica de {x}"),
    ("Junta Vecinal de {x}", "Fundación {x}", "Colectivo Ciudadano de {x}"),
    ("Consulado en {x}", "Embajada (oficina de {x})", "Agregaduría en {x}"),
    ("Red de Ciudades de {x}", "Agencia de Cooperación de {x}", "Programa Internacional {x}"),
    ("Radio {x}", "Diario de {x}", "Televisión de {x}"),
)
AXES = ("Promoción internacional", "Cooperación", "Atracción de inversión", "Cultura", "Educación")
WORDS = [
    "la",
    "ciudad",
    "debe",
    "fortalecer",
    "su",
    "presencia",
    "internacional",
    "mediante",
    "alianzas",
    "con",
    "redes",
    "de",
    "ciudades",
    "universidades",
    "empresas",
    "y",
    "organizaciones",
    "sociales",
    "para",
    "atraer",
    "inversión",
    "talento",
    "y",
    "cooperación",
    "técnica",
    "garantizando",
    "la",
    "participación",
    "de",
    "todos",
    "los",
    "sectores",
    "y",
    "la",
    "transparencia",
    "en",
    "la",
    "gestión",
    "de",
    "los",
    "recursos",
    "públicos",
    "con",
    "indicadores",
    "verificables",
]
STANCES = ("support", "support", "support", "support_with_reservations", "oppose", "abstain")


@dataclass(frozen=True)
class Scale:
    districts: int = 40
    sessions_per_district: int = 30
    participants: int = 24_000
    attendances: int = 30_000
    positions: int = 80_000
    guidelines: int = 40
    organisations: int = 2_000
    agenda_per_session: int = 4


def _spread(total: int, parts: int, k: int) -> int:
    """How many of ``total`` go to part ``k`` of ``parts`` (exact sum, near-equal)."""
    return total * (k + 1) // parts - total * k // parts


def generate(scale: Scale = Scale(), seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def sentence(low: int, high: int) -> str:
        words = rng.choices(WORDS, k=rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    districts = [
        DISTRICTS[k] if k < len(DISTRICTS) else f"Distrito {k + 1}" for k in range(scale.districts)
    ]
    sectors = [{"id": uid(), "name": n, "counts_for_legitimacy": c} for n, c in SECTORS]
    organisations = []
    for k in range(scale.organisations):
        s = k % len(sectors)
        template = rng.choice(ORG_KINDS[s])
        where = districts[k % len(districts)] if districts else "la ciudad"
        label = template.format(x=where) + (f" {k // (len(sectors) * 3) + 1}" if k >= 21 else "")
        organisations.append({"id": uid(), "name": label, "sector_id": sectors[s]["id"]})
    participants = []
    by_district: dict[str, list[str]] = {d: [] for d in districts}
    for k in range(scale.participants):
        first, last1, last2 = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
        org = rng.choice(organisations) if organisations and rng.random() < 0.6 else None
        sector_id = org["sector_id"] if org else rng.choice(sectors)["id"]
        district = districts[k % len(districts)] if districts else None
        user = f"{first}.{last1}{k}".lower().replace(" ", "")
        pid = uid()
        participants.append(
            {
                "id": pid,
                "name": f"{first} {last1} {last2}",
                "sector_id": sector_id,
                "organisation_id": org["id"] if org else None,
                "email": f"{user}@example.org" if rng.random() < 0.8 else None,
                "phone": f"+34 6{rng.randint(10_000_000, 99_999_999)}"
                if rng.random() < 0.5
                else None,
                "gender": rng.choice(("female", "male", "other", None, "female", "male")),
                "district": district,
                "consent_named": rng.random() < 0.7,
            }
        )
        if district:
            by_district[district].append(pid)
    guidelines = [
        {
            "id": uid(),
            "code": f"G-{k + 1:02d}",
            "title": sentence(4, 9),
            "text": sentence(30, 80),
            "axis": AXES[k % len(AXES)],
            "status": rng.choice(("draft", "under_discussion", "agreed", "agreed", "rejected")),
        }
        for k in range(scale.guidelines)
    ]
    sessions, agenda, attendance, positions = [], [], [], []
    n_sessions = scale.districts * scale.sessions_per_district
    start_day = date(2026, 2, 2)
    pairs = [(g["id"], s["id"]) for g in guidelines for s in sectors]
    for k in range(n_sessions):
        district = districts[k // scale.sessions_per_district]
        sid = uid()
        hour = rng.choice((9, 10, 16, 17, 18))
        sessions.append(
            {
                "id": sid,
                "title": f"Mesa {k % scale.sessions_per_district + 1} — {district}",
                "date": (start_day + timedelta(days=k % 200)).isoformat(),
                "start": f"{hour:02d}:00",
                "end": f"{hour + 2:02d}:{rng.choice(('00', '30'))}",
                "venue": f"Centro Cívico {district}",
                "district": district,
                "facilitator": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "status": rng.choice(("closed",) * 17 + ("held", "held", "planned")),
            }
        )
        for j in range(scale.agenda_per_session):
            agenda.append(
                {
                    "id": uid(),
                    "session_id": sid,
                    "position": j + 1,
                    "title": sentence(3, 7),
                    "notes": sentence(20, 60),
                }
            )
        people = by_district[district]
        for pid in rng.sample(people, min(len(people), _spread(scale.attendances, n_sessions, k))):
            attendance.append(
                {"session_id": sid, "participant_id": pid, "present": rng.random() < 0.97}
            )
        for g, s in rng.sample(pairs, min(len(pairs), _spread(scale.positions, n_sessions, k))):
            stance = rng.choice(STANCES)
            positions.append(
                {
                    "id": uid(),
                    "guideline_id": g,
                    "session_id": sid,
                    "sector_id": s,
                    "stance": stance,
                    "note": sentence(6, 25) if stance != "support" else "",
                    "votes": None
                    if rng.random() < 0.7
                    else {
                        "support": rng.randint(0, 9),
                        "support_with_reservations": rng.randint(0, 4),
                        "oppose": rng.randint(0, 4),
                        "abstain": rng.randint(0, 2),
                    },
                }
            )
    return {
        "format": "consulta-interchange",
        "version": 1,
        "consultation": {
            "id": uid(),
            "title": "Estrategia de Internacionalización — consulta nacional",
            "territory": "República de Ejemplo",
            "language": "es",
            "description": "Consulta multisectorial en todos los distritos.",
            "quorum_sectors": None,
            "districts": districts,
        },
        "sectors": sectors,
        "organisations": organisations,
        "participants": participants,
        "sessions": sessions,
        "agenda_items": agenda,
        "attendance": attendance,
        "guidelines": guidelines,
        "positions": positions,
    }


def write_json(doc: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def build_consulta(path: Path, scale: Scale = Scale(), seed: int = 2026) -> Path:
    """The national-scale .consulta file at ``path`` (replaced if it exists)."""
    from consulta.interchange import import_document

    import_document(
        generate(scale, seed), path, overwrite=True, source="generated", surrogates=False
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", nargs="?", type=Path, help="the JSON document to write")
    parser.add_argument("--consulta", type=Path, help="also build this .consulta file")
    parser.add_argument("--seed", type=int, default=2026)
    defaults = Scale()
    for name in Scale.__dataclass_fields__:
        parser.add_argument(
            f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name)
        )
    args = parser.parse_args(argv)
    if args.output is None and args.consulta is None:
        parser.error("give OUT.json and/or --consulta OUT.consulta")
    scale = Scale(**{name: getattr(args, name) for name in Scale.__dataclass_fields__})
    if args.output is not None:
        write_json(generate(scale, args.seed), args.output)
        print(f"wrote {args.output}")
    if args.consulta is not None:
        build_consulta(args.consulta, scale, args.seed)
        print(f"wrote {args.consulta}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
