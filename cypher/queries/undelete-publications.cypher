// Lifts the deletion of publications created again (createPublication): the curator's newer
// decision wins over the older one.
// $ids: [string]
UNWIND $ids AS id
MATCH (d:DeletedPublication {id: id})
DELETE d
