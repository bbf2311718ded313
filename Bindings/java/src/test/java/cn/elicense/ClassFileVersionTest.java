package cn.elicense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Java 8 department systems load elicense.jar and the examples: class-file major version 52. */
class ClassFileVersionTest {
    private static final int JAVA_8 = 52;

    private static int major(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        assertEquals(0xCAFEBABE, data.readInt(), "class file magic");
        data.readUnsignedShort(); // minor
        return data.readUnsignedShort();
    }

    @Test
    void everyClassInTheJarIsJava8() throws IOException {
        List<String> wrong = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(TestEnv.property("jar"))) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    classes++;
                    try (InputStream in = jar.getInputStream(entry)) {
                        int major = major(in);
                        if (major != JAVA_8) {
                            wrong.add(entry.getName() + " " + major);
                        }
                    }
                }
            }
        }
        assertTrue(classes >= 20, "only " + classes + " classes in the jar");
        assertEquals(new ArrayList<String>(), wrong);
    }

    @Test
    void theExamplesAreJava8() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TestEnv.path("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(files.size() >= 4, "example classes: " + files);
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals(JAVA_8, major(in), file.toString());
            }
        }
    }

    @Test
    void theJarManifestCarriesTheVersions() throws IOException {
        try (JarFile jar = new JarFile(TestEnv.property("jar"))) {
            java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(TestEnv.property("version"), main.getValue("Implementation-Version"));
            assertEquals(String.valueOf(Elicense.ABI_VERSION), main.getValue("Elicense-ABI-Version"));
        }
        assertEquals(TestEnv.property("version"), Elicense.bindingVersion());
    }
}
