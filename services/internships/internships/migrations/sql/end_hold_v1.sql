CREATE FUNCTION end_hold(hold_position uuid, hold_agreement uuid, give_back_seat boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    unit uuid;
BEGIN
    UPDATE position
    SET interns_current = interns_current - 1,
        seats_taken = seats_taken - CASE WHEN give_back_seat THEN 1 ELSE 0 END
    WHERE id = hold_position
    RETURNING base_id INTO unit;
    UPDATE practice_base SET interns_current = interns_current - 1 WHERE id = unit;
    IF give_back_seat THEN
        UPDATE agreement SET interns_placed = interns_placed - 1 WHERE id = hold_agreement;
    END IF;
END
$$;
