package org.tcpstory.diagram;

import net.sourceforge.plantuml.security.SecurityProfile;
import net.sourceforge.plantuml.security.SecurityUtils;

/**
 * Puts PlantUML in its SANDBOX security profile before anything else in the process uses it.
 *
 * <p>PlantUML 1.2026.9 reads the profile once, on first use, from the system property
 * {@code PLANTUML_SECURITY_PROFILE} (else the environment variable of that name), and keeps it for the
 * life of the process. The default, LEGACY, lets {@code !include} read any file outside /etc, /dev, /proc,
 * /sys and /boot; SANDBOX refuses every file and URL ({@code !include}, {@code %load_json}, images).
 * {@code %getenv} still reads variables whose names start with PLANTUML in every profile, so escaping
 * ({@link PlantUmlText}) stays the first line of defence; this is the second.
 */
final class PlantUmlSandbox {

    static final String PROPERTY = "PLANTUML_SECURITY_PROFILE";

    private PlantUmlSandbox() {
    }

    /**
     * Selects SANDBOX on the first call (the class-holder idiom makes that once and thread-safe) and
     * checks on every call that it is the active profile.
     */
    static void ensure() {
        if (Holder.ACTIVE != SecurityProfile.SANDBOX) {
            // Something used PlantUML before us: its profile is fixed for the life of this process.
            throw new IllegalStateException("PlantUML was used before tcpstory could select its SANDBOX"
                    + " security profile (active: " + Holder.ACTIVE + "); render diagrams only through"
                    + " org.tcpstory.diagram.DiagramRenderer");
        }
    }

    private static final class Holder {
        static final SecurityProfile ACTIVE = select();

        private static SecurityProfile select() {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            // Set before PlantUML's first look at its profile; a system property wins over the environment.
            System.setProperty(PROPERTY, "SANDBOX");
            return SecurityUtils.getSecurityProfile();
        }
    }
}
