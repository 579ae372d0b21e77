"""A realistic demo consultation: a city's internationalisation strategy.

Three districts, the seven sectors, ten round tables in every status, about forty
participants with Spanish, Catalan and Portuguese names, twelve guidelines with positions
of every stance (some with a show-of-hands tally) and notes worth reading. Every screen
and document should look meaningful on it. Deterministic: the same file every time.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from pathlib import Path

from consulta.domain import model as m
from consulta.services.participants import participant_row
from consulta.services.unit import UnitOfWork
from consulta.services.workspace import Workspace
from consulta.store.mapping import to_row

TITLE = "Estrategia de internacionalización de Puerto Alegre del Sur 2027–2031"
TERRITORY = "Municipio de Puerto Alegre del Sur"
DESCRIPTION = (
    "Mesas de diálogo con los sectores de la ciudad para acordar las líneas de la "
    "estrategia de internacionalización: posicionamiento, cooperación descentralizada, "
    "atracción de talento e inversión, y redes de ciudades."
)
DISTRICTS = ("Centro", "Norte", "Puerto")

# (name, sector index, organisation, gender, consent, district index)
PEOPLE: tuple[tuple[str, int, str, str | None, bool, int], ...] = (
    ("Lucía Fernández Ortega", 0, "Concejo Municipal", "female", True, 0),
    ("Jordi Puig i Serra", 0, "Oficina de Relaciones Internacionales", "male", True, 0),
    ("Ana Paula Rodrigues", 0, "Secretaría de Desarrollo Económico", "female", True, 1),
    ("Martín Giménez Rueda", 0, "Junta de Distrito Puerto", "male", False, 2),
    ("Montserrat Vidal Roca", 0, "Junta de Distrito Norte", "female", True, 1),
    ("Ricardo Almeida Souza", 1, "Cámara de Comercio", "male", True, 0),
    ("Carmen Delgado Ibáñez", 1, "Asociación de Exportadores", "female", True, 2),
    ("Pau Ferrer Casals", 1, "Autoridad Portuaria", "male", False, 2),
    ("Beatriz Nogueira Lima", 1, "Sindicato de Trabajadores del Puerto", "female", True, 2),
    ("Javier Ruiz Cordero", 1, "Parque Tecnológico del Norte", "male", True, 1),
    ("Núria Soler Pujol", 1, "Cooperativa Turística Costa Viva", "female", False, 2),
    ("Elena Castro Marín", 2, "Universidad Nacional del Sur", "female", True, 0),
    ("João Pedro Carvalho", 2, "Instituto de Estudios Urbanos", "male", True, 0),
    ("Mireia Costa Bosch", 2, "Universidad Nacional del Sur", "female", True, 1),
    ("Andrés Molina Prieto", 2, "Centro de Investigación Marina", "male", False, 2),
    ("Inês Ferreira Gomes", 2, "Escuela de Idiomas Municipal", "female", True, 0),
    ("Rosa María Quispe", 3, "Red de Juntas Vecinales", "female", True, 1),
    ("Sergi Martí Llopis", 3, "Asociación de Migrantes Unidos", "male", True, 0),
    ("Fernanda Oliveira Santos", 3, "Fundación Barrio Abierto", "female", True, 2),
    ("Tomás Herrera Vidal", 3, "Colectivo Jóvenes del Puerto", "other", True, 2),
    ("Guadalupe Ramírez León", 3, "Consejo de Mayores", "female", False, 1),
    ("Arnau Riera Font", 3, "Plataforma Cultura Viva", "male", True, 0),
    ("Valentina Sousa Pereira", 3, "Red de Mujeres Emprendedoras", "female", True, 1),
    ("Émilie Laurent", 4, "Consulado General de Francia", "female", True, 0),
    ("Giorgos Papadopoulos", 4, "Consulado Honorario de Grecia", "male", True, 0),
    ("Helena Sampaio Rocha", 4, "Consulado General de Portugal", "female", False, 0),
    ("Diego Salazar Núñez", 4, "Cámara Binacional", "male", True, 2),
    ("Marta Oliveras Ribas", 5, "Agencia Catalana de Cooperación", "female", True, 0),
    ("Carlos Eduardo Mendes", 5, "Red Mercociudades", "male", True, 0),
    ("Isabel Torres Agüero", 5, "Programa de Naciones Unidas", "female", True, 1),
    ("Oriol Camps Sala", 5, "Fondo de Cooperación Descentralizada", "male", False, 2),
    ("Patricia Moreno Vega", 6, "Diario El Puerto", "female", True, 2),
    ("Rui Batista Correia", 6, "Radio Comunitaria Norte", "male", True, 1),
    ("Laia Ferrer Mas", 6, "Televisión Regional", "female", True, 0),
    ("Hugo Benítez Sanz", 6, "Portal Ciudad Abierta", "male", False, 0),
    ("Clara Domènech Vives", 3, "Asociación de Vecinos del Centro", "female", True, 0),
    ("Mateus Araújo Teixeira", 1, "Startups del Sur", "male", True, 1),
    ("Soledad Paredes Luna", 0, "Área de Cultura", "female", True, 1),
    ("Xavier Bonet Grau", 2, "Escuela de Negocios del Puerto", "male", True, 2),
    ("Adriana Coelho Dias", 3, "Red de Voluntariado", None, True, 2),
)

GUIDELINES: tuple[tuple[str, str, str, str], ...] = (
    (
        "Posicionamiento",
        "Marca ciudad con identidad portuaria",
        "Definir una marca de ciudad que proyecte la identidad portuaria y multicultural en ferias y redes internacionales.",
        "agreed",
    ),
    (
        "Posicionamiento",
        "Agenda internacional anual coordinada",
        "Publicar cada año una agenda única de eventos internacionales coordinada entre el municipio, la universidad y el sector privado.",
        "agreed",
    ),
    (
        "Cooperación",
        "Oficina de cooperación descentralizada",
        "Crear una oficina municipal que coordine los proyectos de cooperación descentralizada y rinda cuentas públicamente.",
        "agreed",
    ),
    (
        "Cooperación",
        "Hermanamientos con resultados medibles",
        "Revisar los hermanamientos vigentes y mantener solo los que tengan un plan de trabajo con metas anuales.",
        "under_discussion",
    ),
    (
        "Talento",
        "Programa de acogida de estudiantes internacionales",
        "Ofrecer alojamiento, orientación y prácticas a estudiantes internacionales en colaboración con las universidades.",
        "agreed",
    ),
    (
        "Talento",
        "Ventanilla única para personas migrantes",
        "Abrir una ventanilla única con información en varios idiomas para trámites, empleo y servicios.",
        "under_discussion",
    ),
    (
        "Inversión",
        "Zona franca tecnológica en el puerto",
        "Promover una zona franca para empresas tecnológicas en terrenos portuarios en desuso.",
        "rejected",
    ),
    (
        "Inversión",
        "Incentivos fiscales a la inversión extranjera",
        "Reducir tasas municipales durante cinco años a empresas extranjeras que creen empleo local.",
        "under_discussion",
    ),
    (
        "Redes",
        "Participación activa en redes de ciudades",
        "Participar en al menos dos redes internacionales de ciudades con un equipo técnico estable.",
        "agreed",
    ),
    (
        "Redes",
        "Presidencia de la red regional en 2029",
        "Presentar la candidatura de la ciudad para presidir la red regional de ciudades en 2029.",
        "draft",
    ),
    (
        "Gobernanza",
        "Consejo consultivo de internacionalización",
        "Constituir un consejo consultivo permanente con representación de los siete sectores.",
        "agreed",
    ),
    (
        "Gobernanza",
        "Informe público anual de la estrategia",
        "Publicar un informe anual con los resultados, el presupuesto ejecutado y las opiniones de los sectores.",
        "withdrawn",
    ),
)

# (title, days from start, start hour, district index, status, venue)
SESSIONS: tuple[tuple[str, int, int | None, int, str, str], ...] = (
    ("Mesa de apertura: diagnóstico compartido", 0, 10, 0, "closed", "Centro Cultural Municipal"),
    ("Mesa sectorial: economía e inversión", 9, 17, 2, "closed", "Sala de la Autoridad Portuaria"),
    (
        "Mesa sectorial: academia y talento",
        16,
        10,
        0,
        "closed",
        "Aula Magna, Universidad Nacional del Sur",
    ),
    ("Mesa territorial: Distrito Norte", 23, 18, 1, "closed", "Biblioteca del Norte"),
    ("Mesa territorial: Distrito Puerto", 30, 18, 2, "held", "Mercado del Puerto"),
    ("Mesa de cooperación y redes", 37, 9, 0, "closed", "Salón de Actos del Ayuntamiento"),
    ("Mesa de comunicación y medios", 44, None, 0, "held", "Casa de la Prensa"),
    ("Mesa de validación: Norte", 58, 18, 1, "planned", "Centro Cívico Norte"),
    ("Mesa de validación: Puerto", 65, 18, 2, "planned", "Mercado del Puerto"),
    ("Plenario de cierre", 79, 11, 0, "planned", "Teatro Municipal"),
)

AGENDA = (
    (
        "Bienvenida y objetivos de la mesa",
        "La facilitadora presentó los objetivos de la jornada y recordó las reglas del diálogo: "
        "escucha activa, una voz por sector en las posiciones y registro de los desacuerdos.",
    ),
    (
        "Presentación de las líneas propuestas",
        "Se presentaron las líneas en discusión. Varios participantes pidieron indicadores "
        "concretos y un calendario. El sector privado insistió en la coordinación con el puerto; "
        "la sociedad civil pidió que la estrategia llegue a los barrios y no solo al centro.",
    ),
    (
        "Debate por sectores",
        "Debate en grupos pequeños. Consenso amplio sobre la oficina de cooperación. La zona "
        "franca generó preocupación por el uso del suelo portuario y el empleo local; se pidió un "
        "estudio de impacto antes de cualquier decisión.",
    ),
    (
        "Acuerdos y próximos pasos",
        "Se registraron las posiciones de cada sector. La secretaría técnica enviará el acta en "
        "una semana para su revisión.",
    ),
)

REASONS = {
    "oppose": (
        "Falta un estudio de impacto ambiental y social.",
        "No hay garantías de empleo local ni de participación de los barrios.",
        "El coste fiscal no está justificado frente a otras prioridades.",
    ),
    "support_with_reservations": (
        "De acuerdo si se incluyen indicadores y un calendario público.",
        "Apoyo condicionado a que participen las juntas de distrito.",
        "Debe coordinarse con la red de universidades para evitar duplicidades.",
    ),
}

# Tendency of each guideline: weights for support, reservations, oppose, abstain.
TENDENCY = (
    (8, 2, 0, 1),
    (7, 3, 0, 1),
    (9, 1, 0, 0),
    (4, 3, 2, 1),
    (8, 2, 0, 1),
    (5, 3, 1, 1),
    (2, 1, 6, 1),
    (3, 2, 4, 2),
    (8, 1, 0, 1),
    (4, 2, 1, 3),
    (9, 1, 0, 0),
    (5, 2, 1, 2),
)
STANCES = (m.Stance.SUPPORT, m.Stance.SUPPORT_WITH_RESERVATIONS, m.Stance.OPPOSE, m.Stance.ABSTAIN)


def build_demo(path: Path | str, language: str = "es", seed: int = 2027) -> Path:
    """Create the demo consultation at ``path`` (which must not exist)."""
    rng = random.Random(seed)
    ws = Workspace.create(path, TITLE, TERRITORY, language, DESCRIPTION)
    try:
        _populate(ws, rng)
        ws.history.clear()
        return ws.path
    finally:
        ws.close()


def _populate(ws: Workspace, rng: random.Random) -> None:
    sectors = ws.sectors.list()
    ws.consultation.set_facilitator_name("Secretaría técnica")
    first_day = date(2026, 3, 2)
    with ws.write("demo.create", "demo") as unit:
        districts = [m.District(name=name) for name in DISTRICTS]
        for d in districts:
            unit.insert("district", to_row(d))
        organisations: dict[tuple[int, str], m.Organisation] = {}
        people: list[m.Participant] = []
        for name, sector_index, org_name, gender, consent, district_index in PEOPLE:
            key = (sector_index, org_name)
            if key not in organisations:
                organisations[key] = m.Organisation(
                    name=org_name, sector_id=sectors[sector_index].id
                )
                unit.insert("organisation", to_row(organisations[key]))
            local = (
                name.lower()
                .split()[0]
                .translate(str.maketrans("áéíóúñçèòàêôãõü", "aeiounceoaeoaou"))
            )
            person = m.Participant(
                name=name,
                sector_id=sectors[sector_index].id,
                organisation_id=organisations[key].id,
                email=f"{local}.{len(people) + 1}@ejemplo.org" if len(people) % 4 else None,
                phone=f"+54 223 555 {1000 + 37 * len(people)}" if len(people) % 3 == 0 else None,
                gender=m.Gender(gender) if gender else None,
                district_id=districts[district_index].id,
                consent_named=bool(consent),
            )
            people.append(person)
            unit.insert("participant", participant_row(person))

        guidelines: list[m.Guideline] = []
        for index, (axis, title, text, status) in enumerate(GUIDELINES, start=1):
            g = m.Guideline(
                code=f"G-{index:02d}",
                title=title,
                text=text,
                axis=axis,
                status=m.GuidelineStatus(status),
            )
            guidelines.append(g)
            unit.insert("guideline", to_row(g))

        facilitators = ("Lucía Fernández Ortega", "Jordi Puig i Serra", "Ana Paula Rodrigues")
        for s_index, (title, offset, hour, district_index, status, venue) in enumerate(SESSIONS):
            session = m.Session(
                title=title,
                date=first_day + timedelta(days=offset),
                start=time(hour, 0) if hour is not None else None,
                end=time(hour + 2, 30) if hour is not None else None,
                venue=venue,
                district_id=districts[district_index].id,
                facilitator=facilitators[s_index % 3],
                status=m.SessionStatus.HELD,  # inserted editable, status set below
            )
            unit.insert("session", to_row(session))
            held = status != "planned"
            for position, (item, notes) in enumerate(AGENDA, start=1):
                unit.insert(
                    "agenda_item",
                    to_row(
                        m.AgendaItem(
                            session_id=session.id,
                            position=position,
                            title=item,
                            notes=notes if held else "",
                        )
                    ),
                )
            if held:
                _attend_and_position(unit, rng, session, people, sectors, guidelines, s_index)
            unit.update("session", session.id, status=status)


def _attend_and_position(
    unit: UnitOfWork,
    rng: random.Random,
    session: m.Session,
    people: list[m.Participant],
    sectors: list[m.Sector],
    guidelines: list[m.Guideline],
    s_index: int,
) -> None:
    # Media are absent from two round tables so that absent sectors show.
    skip_media = s_index in (1, 3)
    present = [
        p
        for p in people
        if rng.random() < 0.45 and not (skip_media and p.sector_id == sectors[6].id)
    ]
    for p in present:
        unit.insert(
            "attendance",
            to_row(
                m.Attendance(
                    id=m.attendance_id(session.id, p.id), session_id=session.id, participant_id=p.id
                )
            ),
        )
    present_sectors = {p.sector_id for p in present}
    discussed = rng.sample(range(len(guidelines)), k=5)
    if s_index == 0:
        discussed = [0, 2, 4, 6, 10]
    for g_index in discussed:
        g = guidelines[g_index]
        if g.status is m.GuidelineStatus.DRAFT:
            continue
        for sector in sectors:
            if sector.id not in present_sectors:
                continue
            stance = rng.choices(STANCES, weights=TENDENCY[g_index])[0]
            note = ""
            if stance.value in REASONS and (s_index, g_index) != (
                4,
                7,
            ):  # one dissent lacks a reason
                note = rng.choice(REASONS[stance.value])
            votes = None
            if rng.random() < 0.2:
                weights = list(TENDENCY[g_index])
                counts = [0, 0, 0, 0]
                for _ in range(rng.randint(3, 9)):
                    counts[rng.choices(range(4), weights=weights)[0]] += 1
                votes = m.Tally(*counts)
            unit.insert(
                "position",
                to_row(
                    m.Position(
                        id=m.position_id(g.id, session.id, sector.id),
                        guideline_id=g.id,
                        session_id=session.id,
                        sector_id=sector.id,
                        stance=stance,
                        note=note,
                        votes=votes,
                    )
                ),
            )
