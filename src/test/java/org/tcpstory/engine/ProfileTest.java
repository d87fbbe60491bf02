package org.tcpstory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileTest {

    /** A switch every profile answers alike is no switch: the engine should simply do it. */
    @Test
    void everySwitchHasProfilesOnBothSides() throws ReflectiveOperationException {
        for (RecordComponent component : RuleChoices.class.getRecordComponents()) {
            Map<Object, String> answers = new LinkedHashMap<>();
            for (Profile profile : Profile.values()) {
                answers.merge(component.getAccessor().invoke(profile.choices()), profile.id(), (a, b) -> a + ", " + b);
            }
            assertTrue(answers.size() > 1, component.getName() + " has one answer under every profile: " + answers);
        }
    }

    @Test
    void aProfileIsReadInAnyCase() {
        assertEquals(Optional.of(Profile.FREEBSD), Profile.parse(" FreeBSD "));
        assertEquals(Optional.empty(), Profile.parse("windows"));
        assertEquals("rfc9293, linux, freebsd", Profile.names());
    }
}
