"""District kits, the merge of district files into a master, erasure, and the receipt.

Qt-free. What the desktop wizard calls (all long calls take ``progress: Progress | None``
and are cancellable; every error a user can cause is a ``UserError``):

- ``kit.make_kit(master_path, district_name, target_path)`` → the kit file.
- ``plan.plan_merge(master_ws_or_path, [paths], progress, detail=True)`` → ``MergePlan``:
  per file (``FilePreview``) its name, SHA-256, district (if a kit), ``counts``, the
  ``conflicts`` and (with ``detail``) every ``changes`` item — ``RecordChange(entity,
  record_id, kind, label, fields=(FieldChange(field, master, incoming), …), winner)`` — and
  the possible ``duplicates`` (``DuplicatePair``). The master is not changed.
- ``apply.apply_merge(master_ws_or_path, plan, Resolutions(fields=[FieldResolution(…)],
  duplicates=[DuplicateResolution(…)]), progress)`` → ``MergeResult`` (refused if the
  master or a file changed since the preview). ``apply.plan_result(plan)`` is a dry run's.
- ``receipt.write_receipt(result, path)`` → .pdf, .xlsx or .json.
- ``history.list_history(ws, entity=None, record_id=None)`` → ``[HistoryEntry]`` and
  ``history.restore_version(ws, seq)`` (a new, undoable edit).
- ``erase.erase_participant(ws, participant_id)``.

Semantics:

- **Identity** is the UUID. Each record is a last-writer-wins register ordered by its
  stamp ``(hlc, origin)`` — the hybrid logical clock of the file core, ties broken by the
  file copy's id: a total order that never uses wall time alone, so the result does not
  depend on the order files are merged in. Equal stamps are the same version.
- **Deletions** are tombstones with their own stamp. A tombstone beats versions stamped up
  to it; a version stamped after it (an edit made after the deletion) wins and the record
  comes back. The latest tombstone of a record is kept either way.
- **Conflict**: no common ancestor is stored, so each file keeps a version vector of what
  it has seen (``knowledge``: per file copy, the latest stamp of its edits merged in or
  made here, in ``replica_clock``). Two different versions conflict when neither file had
  seen the other's version: they were edited apart since the files last met. The later
  version wins automatically; the loser is kept in ``merge_history``; the user may keep the
  master's, the incoming, or an edited value per field — a choice other than the automatic
  one becomes a new edit stamped by the master, so it beats both versions everywhere.
  Same content with different stamps is not a conflict.
- **Natural keys**: one attendance per (session, participant), one position per
  (guideline, session, sector), whatever their ids: clashing records are one record (the
  later version wins; the id kept is the derived one, else the smaller; the other id gets
  a tombstone). Unique district names and guideline codes that clash between different
  records get the suffix `` (<first 8 of the id>)`` on the record with the larger id.
- **Orphans**: a record whose session/person/guideline/sector is deleted is set aside in
  ``merge_history`` (``parked``) and comes back when its parent does; an optional link
  (organisation, district) to a deleted record is cleared.
- **Erasure** wins: erasures travel in the ``erasure`` table (the earliest is kept); an
  erased participant's personal data is blanked in every version merged later, in the
  history and the audit trail, and the file is VACUUMed.
- **Duplicates**: a person new in a file with the e-mail, or folded name and organisation,
  of one the master has. Confirming keeps the master's person, fills its blanks from the
  other, moves the other's attendance and deletes the other (kept in the history).
- **Atomic**: all files are merged in one transaction on the master, committed at the end;
  a preview is the same run rolled back. A merge that changes nothing writes nothing.
- **Untrusted files**: see ``untrusted``.
"""
