"""The initial guidance scripts (Spanish), one or more per call topic. Facts follow the
domain reference compiled for Amparo (§1, §3, §6, §9). Fees and other figures that change
are left out on purpose: the operator sends the caller to the official source instead."""

from dataclasses import dataclass

from amparo.hotline.topics import CallTopic


@dataclass(frozen=True)
class SeedScript:
    slug: str
    topic: CallTopic
    title: str
    body: str


SEED_SCRIPTS: tuple[SeedScript, ...] = (
    SeedScript(
        slug="derechos-al-ser-detenido",
        topic=CallTopic.DETENTION_DEPORTATION,
        title="Derechos al ser detenido",
        body="""\
Toda persona detenida en Estados Unidos tiene derechos, sin importar su situación migratoria. Explique con calma y confirme que la persona entendió.

Derechos que conviene recordar:
- Guardar silencio. Puede decir que quiere guardar silencio y que quiere hablar con un abogado. No está obligada a declarar dónde nació ni cuál es su situación migratoria.
- No firmar documentos que no entienda. Puede pedir que se los expliquen en español. Firmar ciertos formularios (por ejemplo, una salida voluntaria o una orden de deportación) puede significar renunciar a ver a un juez de inmigración.
- Pedir que se avise al consulado de México. Conforme al artículo 36 de la Convención de Viena sobre Relaciones Consulares, si la persona lo solicita, las autoridades deben informar sin demora al consulado, y el consulado puede visitarla, comunicarse con ella y ayudarla a conseguir representación legal.
- Comunicarse con un abogado. En un caso penal, si no puede pagarlo, puede pedir un defensor público. En un proceso migratorio puede tener abogado, pero el gobierno no lo paga; el consulado puede orientarla y, cuando proceda, canalizarla a un abogado del Programa de Asesoría Legal Externa (PALE), gratuito o de bajo costo.

Recomendaciones para la familia:
- No abrir la puerta a agentes que no muestren una orden firmada por un juez; pueden pedir que la pasen por debajo de la puerta o la muestren por la ventana.
- No mentir ni presentar documentos falsos.
- Tener a la mano el número A, si existe, y los datos del consulado más cercano.
- Memorizar o llevar por escrito el teléfono de un familiar y el del CIAM.

Qué hacer desde el CIAM:
- Registrar nombre completo (con ambos apellidos), fecha y país de nacimiento, número A si lo tiene, lugar y fecha de la detención.
- Canalizar al consulado con jurisdicción sobre el lugar de la detención para visita consular y, si hace falta, asesoría legal.
""",
    ),
    SeedScript(
        slug="localizar-persona-detenida",
        topic=CallTopic.LOCATE_RELATIVE,
        title="Cómo localizar a una persona detenida",
        body="""\
Para buscar a un familiar que pudo haber sido detenido por autoridades migratorias, use el Localizador de Personas Detenidas de ICE (Online Detainee Locator System, en el sitio oficial de ICE). Solo muestra a personas bajo custodia de ICE.

Datos que conviene reunir antes de buscar:
- Número de registro de extranjero (número A), si la persona tiene uno. Es de 8 o 9 dígitos; si tiene 8, se antepone un cero.
- Nombre completo tal como aparece en sus documentos, con ambos apellidos, y cualquier alias o variante de escritura.
- Fecha de nacimiento.
- País de nacimiento (México).

Cómo buscar:
- Con número A y país de nacimiento, o con nombre, apellido y país de nacimiento.
- Si no aparece, repita la búsqueda con cada apellido por separado, con los dos apellidos juntos, sin acentos y con los alias.
- Es posible que la información tarde en actualizarse después de un arresto; sugiera volver a buscar más tarde.

Si no aparece en el localizador:
- La persona puede estar en una cárcel local o del condado (no de ICE). Muchas oficinas del sheriff tienen su propio buscador de personas detenidas.
- El CIAM y los consulados pueden buscar en registros de cárceles, tribunales y oficinas del sheriff.
- Si la persona desapareció al cruzar la frontera, siga la guía de emergencias y rescate (Programa de Migrantes Desaparecidos de CBP).

Qué hacer desde el CIAM:
- Registrar los datos anteriores y un teléfono de contacto de la familia.
- Canalizar al consulado con jurisdicción sobre el último lugar conocido para seguimiento y visita consular.
""",
    ),
    SeedScript(
        slug="requisitos-matricula-consular",
        topic=CallTopic.CONSULAR_PROCEDURES,
        title="Requisitos de la matrícula consular",
        body="""\
La matrícula consular de alta seguridad es el documento que expiden los consulados de México para acreditar la nacionalidad mexicana, la identidad y el domicilio de la persona dentro de la circunscripción del consulado. Tiene una vigencia de cinco años.

Requisitos para obtenerla por primera vez (documentos originales):
- Prueba de nacionalidad mexicana, por ejemplo acta de nacimiento mexicana, pasaporte mexicano o certificado o declaratoria de nacionalidad.
- Identificación oficial con fotografía.
- Comprobante de domicilio en la circunscripción del consulado (por ejemplo, un recibo de servicios o un contrato de arrendamiento a nombre de la persona).

Renovación:
- Presentar la matrícula anterior.
- Si cambió de domicilio, presentar también un comprobante del domicilio nuevo.

Citas y costo:
- El trámite se hace con cita, que se obtiene sin costo por MiConsulado o por MEXITEL al 1-877-639-4835.
- El costo lo fija la SRE y cambia con el tiempo: pida a la persona consultarlo en la página oficial de su consulado antes de acudir. No dé una cifra de memoria.

Si falta algún documento, canalice al consulado: cada consulado puede indicar qué otros documentos acepta.
""",
    ),
    SeedScript(
        slug="citas-y-tramites-consulares",
        topic=CallTopic.CONSULAR_PROCEDURES,
        title="Citas y trámites consulares: MiConsulado y MEXITEL",
        body="""\
Los trámites de documentación (pasaporte, matrícula consular, registro civil y otros) se hacen con cita en el consulado que corresponde al domicilio de la persona.

Cómo obtener una cita:
- En línea, con MiConsulado.
- Por teléfono, con MEXITEL: 1-877-639-4835.
- Las citas no tienen costo; nadie debe cobrar por conseguir una.

Pasaporte:
- Se expide con vigencia de 1, 3, 6 o 10 años, según el caso.
- A personas en situación de protección o de emergencia se les puede expedir un pasaporte de hasta 1 año.

Otros canales:
- Los consulados sobre ruedas (consulados móviles) atienden en comunidades alejadas; las fechas se anuncian en las redes y la página de cada consulado.
- La Ventanilla Única de Trámites Consulares permite iniciar algunos trámites en línea, empezando por los de registro civil.

Si la persona no sabe qué consulado le corresponde, oriéntela según el condado donde vive y canalice al consulado con jurisdicción.
""",
    ),
    SeedScript(
        slug="emergencia-rescate-desierto",
        topic=CallTopic.EMERGENCY_RESCUE,
        title="Emergencias y rescate en el desierto",
        body="""\
Si alguien está en peligro inmediato (perdido en el desierto, herido, sin agua o en riesgo de muerte), la prioridad es la vida: pida que llame al 911 de inmediato o, si la persona no puede, transfiera o coordine la llamada a los servicios de emergencia.

Si la persona extraviada llama:
- Pida que marque al 911 y diga que está perdida y necesita rescate.
- Que comparta su ubicación: coordenadas del teléfono, carreteras, postes, torres o puntos de referencia visibles.
- Que se quede en un solo lugar, a la sombra si es posible, y ahorre batería del teléfono.
- En Arizona y otras zonas de la frontera, la Patrulla Fronteriza cuenta con la unidad de búsqueda y rescate BORSTAR; el CIAM coordina con ella cuando hay una persona en riesgo.

Si llama un familiar porque perdió contacto con alguien que cruzaba la frontera:
- Registre nombre completo, fecha de nacimiento, fecha y lugar del último contacto, teléfono que llevaba, ropa, señas particulares, fotografía y con quién viajaba.
- Se puede activar el Programa de Migrantes Desaparecidos (Missing Migrant Program) de CBP y buscar en registros de hospitales, cárceles y autoridades.
- Advierta a la familia que no pague a quien diga tener noticias o pida dinero por liberar o mover a la persona: puede ser extorsión. Que lo reporte.

Qué hacer desde el CIAM:
- Registrar la llamada como emergencia y escalarla de inmediato al consulado con jurisdicción sobre el último lugar conocido.
""",
    ),
    SeedScript(
        slug="violencia-contra-las-mujeres",
        topic=CallTopic.VIOLENCE_AGAINST_WOMEN,
        title="Violencia contra las mujeres: orientación y VAIM",
        body="""\
Escuche sin juzgar, crea en lo que la persona cuenta y no le pida que demuestre la violencia. Pregunte primero si está a salvo en este momento y si puede hablar.

Si hay peligro inmediato:
- Pida que llame al 911. En Estados Unidos la policía atiende la violencia doméstica sin importar la situación migratoria de la víctima.

Apoyo del consulado:
- Los consulados cuentan con la Ventanilla de Atención Integral a la Mujer (VAIM), que da atención con perspectiva de género: orientación, acompañamiento, canalización a refugios y a organizaciones locales, y asesoría legal.
- El consulado puede ayudar a conseguir documentos mexicanos (por ejemplo, pasaporte o actas de sus hijos) si el agresor los retiene.
- Por medio del Programa de Asesoría Legal Externa (PALE), el consulado puede canalizarla a abogados para órdenes de protección, custodia y opciones migratorias para víctimas.

Recomendaciones:
- Tener un plan de seguridad: un lugar a donde ir, documentos y medicinas a la mano, y una persona de confianza que sepa la situación.
- Los refugios para víctimas ofrecen alojamiento y apoyo confidencial; el consulado o la línea nacional contra la violencia doméstica de EE. UU. pueden ayudar a encontrar uno cercano.

Qué hacer desde el CIAM:
- No registre en el resumen datos que puedan ponerla en riesgo si otra persona los lee (por ejemplo, la dirección de un refugio).
- Canalice a la VAIM del consulado con jurisdicción; si hay riesgo, escale como urgente.
""",
    ),
    SeedScript(
        slug="prevencion-fraude-notarios",
        topic=CallTopic.FRAUD,
        title="Prevención de fraudes: «notarios» y falsos gestores",
        body="""\
En Estados Unidos un «notary public» solo certifica firmas: no es abogado y no puede dar asesoría legal ni representar a nadie en un trámite migratorio. Muchas personas pierden dinero y hasta su oportunidad de regularizarse por confiar en «notarios» o gestores.

Quién sí puede ayudar en asuntos migratorios:
- Un abogado con licencia vigente en algún estado (se puede verificar en el colegio de abogados del estado).
- Un representante acreditado que trabaje en una organización reconocida por el Departamento de Justicia.

Señales de alerta:
- Promete resultados seguros o «papeles rápidos».
- Cobra por formularios que el gobierno da gratis, o cobra por conseguir una cita consular (las citas consulares no tienen costo).
- Pide firmar formularios en blanco o con información falsa, o se queda con documentos originales.
- No entrega recibos ni copia de lo que presentó.

Recomendaciones:
- No pagar en efectivo sin recibo, guardar copia de todo y pedir siempre el nombre completo y el número de licencia de quien ayuda.
- Si ya fue víctima, reunir recibos, mensajes y contratos, y denunciar ante la Comisión Federal de Comercio (FTC) o la fiscalía del estado.
- El consulado orienta sin costo y, cuando procede, canaliza a abogados del Programa de Asesoría Legal Externa (PALE).

Qué hacer desde el CIAM:
- Si hubo pérdida de dinero o de documentos, canalice al consulado con jurisdicción para orientación legal.
""",
    ),
    SeedScript(
        slug="derechos-laborales-salarios-lesiones",
        topic=CallTopic.LABOR,
        title="Derechos laborales: salarios no pagados y lesiones en el trabajo",
        body="""\
En Estados Unidos las leyes de salario mínimo y de pago de horas trabajadas protegen a las personas trabajadoras sin importar su situación migratoria.

Salarios no pagados:
- Reunir pruebas: nombre y dirección del empleador o contratista, fechas y horas trabajadas (una libreta o fotos del horario sirven), talones de pago, mensajes y nombres de compañeros que puedan ser testigos.
- La reclamación puede presentarse ante la División de Horas y Salarios del Departamento del Trabajo federal o ante la agencia laboral del estado. Los plazos para reclamar son limitados: conviene actuar pronto.

Lesiones en el trabajo:
- Buscar atención médica de inmediato y decir al médico que la lesión ocurrió en el trabajo.
- Avisar por escrito al empleador lo antes posible; cada estado fija plazos para el aviso y para reclamar la compensación laboral (workers' compensation).
- Guardar recibos médicos, fotos de la lesión y del lugar del accidente.
- Las condiciones inseguras pueden denunciarse ante OSHA.

Apoyo del consulado:
- El departamento de protección orienta sobre salarios no pagados, lesiones e indemnizaciones y puede canalizar a abogados del Programa de Asesoría Legal Externa (PALE).
- Durante la Semana de Derechos Laborales los consulados dan información y asesoría gratuitas.

Qué hacer desde el CIAM:
- Registrar empleador, estado y fechas, y canalizar al consulado con jurisdicción sobre el lugar de trabajo.
""",
    ),
    SeedScript(
        slug="ventanilla-de-salud",
        topic=CallTopic.HEALTH,
        title="Salud: Ventanilla de Salud y emergencias médicas",
        body="""\
Ante una emergencia médica, la persona debe llamar al 911 o acudir a la sala de emergencias más cercana. Los hospitales con sala de emergencias deben evaluar y estabilizar a cualquier persona, aunque no pueda pagar ni tenga seguro.

Ventanilla de Salud (VDS):
- Funciona en los consulados de México y ofrece información de salud, detección preventiva y orientación para encontrar clínicas comunitarias y servicios de bajo costo.
- El CIAM puede canalizar la llamada a la Ventanilla de Salud del consulado con jurisdicción.

Personas gravemente enfermas o vulnerables:
- El consulado primero busca opciones de tratamiento en el lugar donde está la persona.
- Cuando procede, el consulado puede apoyar el traslado a México de pacientes, en coordinación con la familia y con instituciones de salud en México.

Qué datos registrar:
- Nombre completo, hospital o clínica donde está, diagnóstico si la familia lo conoce, y un teléfono de contacto.
- No anote en el resumen más datos médicos de los necesarios para canalizar.

Qué hacer desde el CIAM:
- Si hay riesgo para la vida, escale como urgente al consulado con jurisdicción.
""",
    ),
    SeedScript(
        slug="asuntos-familiares-menores",
        topic=CallTopic.FAMILY,
        title="Asuntos familiares: pensión alimenticia, custodia y menores",
        body="""\
El consulado orienta en asuntos familiares que involucran a personas mexicanas en el exterior, pero no puede representar a nadie ante un tribunal de Estados Unidos: para eso canaliza a abogados del Programa de Asesoría Legal Externa (PALE).

Temas frecuentes:
- Pensión alimenticia: orientación para solicitarla o cobrarla cuando una de las partes vive en México y la otra en el exterior.
- Custodia y visitas: orientación sobre el proceso y canalización a asesoría legal.
- Sustracción internacional de menores: si un niño o niña fue llevado o retenido en otro país sin el consentimiento de quien tiene la custodia, puede pedirse su restitución conforme al Convenio de La Haya. Actuar pronto es importante.
- Niñas, niños y adolescentes bajo custodia de los servicios de protección infantil (CPS): los consulados tienen acuerdos con agencias de varios estados para ser notificados, acompañar el caso y apoyar a la familia, por ejemplo con documentos de México.
- Menores no acompañados: el consulado da seguimiento a su protección y a su regreso seguro cuando procede.

Qué datos registrar:
- Nombres y fechas de nacimiento de los menores, dónde se encuentran, qué autoridad o tribunal interviene y número de caso si lo hay.

Qué hacer desde el CIAM:
- Canalizar al consulado con jurisdicción sobre el lugar donde están los menores; si hay un menor en riesgo, escalar como urgente.
""",
    ),
    SeedScript(
        slug="traslado-de-restos",
        topic=CallTopic.OTHER,
        title="Fallecimiento en el exterior: traslado de restos a México",
        body="""\
Exprese sus condolencias y explique que el consulado puede orientar a la familia en el traslado de restos o cenizas a México.

Datos que la familia debe dar:
- Nombre completo de la persona fallecida, fecha de nacimiento y fecha del fallecimiento.
- Dónde se encuentra el cuerpo (hospital, oficina del médico forense o funeraria).
- Lugar de destino en México y datos de contacto de quien hace el trámite.

Documentos habituales:
- Acta de defunción apostillada.
- Permiso de tránsito.
- Certificado de embalsamamiento o de cremación.
- El consulado revisa y visa la documentación; suele devolverla en alrededor de un día hábil.

Apoyo económico:
- La familia o la funeraria cubren normalmente el costo. Solo si la familia demuestra que no puede pagarlo, el consulado puede apoyar con el traslado básico y el embalsamamiento o la cremación.
- Ese apoyo se paga directamente a la funeraria, nunca a la familia, y no cubre traslados a otros países ni dentro del país donde ocurrió el fallecimiento.

Qué hacer desde el CIAM:
- Canalizar al consulado con jurisdicción sobre el lugar del fallecimiento.
""",
    ),
    SeedScript(
        slug="ciam-canalizacion",
        topic=CallTopic.OTHER,
        title="El CIAM: cómo comunicarse y a quién canalizar",
        body="""\
El Centro de Información y Asistencia a Personas Mexicanas (CIAM) atiende las 24 horas, los 365 días del año.

Cómo llamar:
- Desde Estados Unidos y Canadá: 520-623-7874.
- Desde México: 001-520-623-7874.

A quién canalizar:
- Al consulado con jurisdicción sobre el lugar donde está la persona (según su condado), para protección consular, visitas a personas detenidas y asesoría legal del Programa de Asesoría Legal Externa (PALE).
- A la Ventanilla de Salud del consulado, en temas de salud.
- Al 911, ante cualquier peligro inmediato.
- Para trámites (pasaporte, matrícula), a MiConsulado o MEXITEL: 1-877-639-4835.

Recuerde:
- Pedir siempre un teléfono de contacto por si la llamada se corta.
- No prometer resultados; explicar qué hará el consulado y cuándo puede esperar noticias.
""",
    ),
)
