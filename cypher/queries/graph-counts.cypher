// Returns node counts per label and relationship counts per type. Literal labels and types
// let the planner answer each from the count store, without scanning.
RETURN
  {
    Publication: COUNT { (:Publication) }, Author: COUNT { (:Author) }, Country: COUNT { (:Country) },
    Region: COUNT { (:Region) }, Theme: COUNT { (:Theme) }
  } AS nodes,
  {
    AUTHORED_BY: COUNT { ()-[:AUTHORED_BY]->() }, COVERS: COUNT { ()-[:COVERS]->() },
    MENTIONS: COUNT { ()-[:MENTIONS]->() }, ABOUT: COUNT { ()-[:ABOUT]->() },
    IN_REGION: COUNT { ()-[:IN_REGION]->() }, PART_OF: COUNT { ()-[:PART_OF]->() },
    BROADER: COUNT { ()-[:BROADER]->() }
  } AS relationships
