-- book_placement, version 4 (migration 0017): version 3 with the kernel's advisory-lock keys (praxis_lock_key,
-- praxis_common.locks) and outbox rows (outbox_append, praxis_common.outbox) instead of their SQL written out.
-- The rules it applies on locked rows, and the state literals and refusal codes below, are domain/booking.py's;
-- tests/unit/test_booking_sql.py checks they agree. A change is a new version file and a new migration.
CREATE FUNCTION book_placement(placement_row jsonb, outbox_rows jsonb, max_at_base integer, max_in_post integer,
    school_locked boolean DEFAULT false,
    booking_day date DEFAULT NULL)
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
    IF NOT school_locked THEN
        PERFORM pg_advisory_xact_lock_shared(praxis_lock_key('school', p.school_org));
        PERFORM pg_advisory_xact_lock(praxis_lock_key('student', p.school_org, p.student_ref));
    END IF;
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
    SELECT id, status, valid_from, valid_to, interns_placed, intern_quota INTO agr
    FROM agreement WHERE id = p.agreement_id FOR UPDATE;
    -- Decided on the locked row: a termination or expiry that committed since the service chose it wins.
    IF NOT FOUND OR agr.status <> 'active' OR coalesce(booking_day, current_date) > agr.valid_to
       OR p.starts_on < agr.valid_from OR p.starts_on > agr.valid_to THEN
        RETURN QUERY SELECT 'agreement-not-active', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    IF agr.interns_placed >= agr.intern_quota THEN
        RETURN QUERY SELECT 'quota-exhausted', NULL::integer, NULL::integer;
        RETURN;
    END IF;
    -- Every condition holds on locked rows; the conditional UPDATE and the CHECK constraints stay as the last word.
    UPDATE position SET seats_taken = seats_taken + 1, interns_current = interns_current + 1
    WHERE id = pos.id AND seats_taken < seats;
    UPDATE practice_base SET interns_current = interns_current + 1 WHERE id = unit.id;
    UPDATE agreement SET interns_placed = interns_placed + 1 WHERE id = agr.id AND interns_placed < intern_quota;
    INSERT INTO placement SELECT p.*;
    PERFORM outbox_append(outbox_rows);  -- the kernel's (praxis_common.outbox)
    RETURN QUERY SELECT NULL::text, unit.interns_current + 1, pos.interns_current + 1;
END
$$;
