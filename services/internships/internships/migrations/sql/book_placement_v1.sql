CREATE FUNCTION book_placement(placement_row jsonb, outbox_rows jsonb, max_at_base integer, max_in_post integer)
RETURNS TABLE (refusal text, interns_at_base integer, interns_in_post integer)
LANGUAGE plpgsql AS $$
DECLARE
    p placement;
    pos record;
    unit record;
    agr record;
BEGIN
    p := jsonb_populate_record(NULL::placement, placement_row);
    -- One student books one thing at a time, so the overlap check holds until this transaction ends.
    PERFORM pg_advisory_xact_lock(hashtextextended('student' || chr(31) || p.school_org || chr(31) || p.student_ref, 1));
    IF EXISTS (SELECT 1 FROM placement
               WHERE school_org = p.school_org AND student_ref = p.student_ref AND status IN ('requested', 'confirmed', 'active')
                 AND starts_on <= p.ends_on AND ends_on >= p.starts_on) THEN
        RETURN QUERY SELECT 'overlapping-placement', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    -- Lock order everywhere: position, then base, then agreement (end_hold takes the same order).
    SELECT id, base_id, status, seats, seats_taken, interns_current INTO pos
    FROM position WHERE id = p.position_id FOR UPDATE;
    IF NOT FOUND OR pos.status <> 'published' OR pos.seats_taken >= pos.seats THEN
        RETURN QUERY SELECT 'seats-exhausted', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    SELECT id, interns_current INTO unit FROM practice_base WHERE id = pos.base_id FOR UPDATE;
    IF (max_at_base IS NOT NULL AND unit.interns_current >= max_at_base)
       OR (max_in_post IS NOT NULL AND pos.interns_current >= max_in_post) THEN
        RETURN QUERY SELECT 'intern-cap', unit.interns_current, pos.interns_current;
        RETURN;
    END IF;
    SELECT id, interns_placed, intern_quota INTO agr FROM agreement WHERE id = p.agreement_id FOR UPDATE;
    IF NOT FOUND OR agr.interns_placed >= agr.intern_quota THEN
        RETURN QUERY SELECT 'quota-exhausted', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    -- Every condition holds on locked rows; the conditional UPDATE and the CHECK constraints stay as the last word.
    UPDATE position SET seats_taken = seats_taken + 1, interns_current = interns_current + 1
    WHERE id = pos.id AND seats_taken < seats;
    UPDATE practice_base SET interns_current = interns_current + 1 WHERE id = unit.id;
    UPDATE agreement SET interns_placed = interns_placed + 1 WHERE id = agr.id AND interns_placed < intern_quota;
    INSERT INTO placement SELECT p.*;
    INSERT INTO outbox (id, subject, aggregate_type, aggregate_id, headers, payload, occurred_at)
    SELECT (r->>'id')::uuid, r->>'subject', r->>'aggregate_type', r->>'aggregate_id', r->'headers',
           convert_to(r->>'payload', 'UTF8'), (r->>'occurred_at')::timestamptz
    FROM jsonb_array_elements(outbox_rows) AS r;
    RETURN QUERY SELECT NULL::text, unit.interns_current + 1, pos.interns_current + 1;
END
$$;
