package io.agentkeel.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the public packages of each module: what its users may import. */
final class ExportedPackages {

  /** The key for a package that lies under no known module root. */
  static final String NO_MODULE = "(no module)";

  /**
   * Finds the packages that hold at least one public top-level class, outside {@code ..internal..},
   * grouped by the module whose root package is the longest prefix of theirs.
   *
   * @param classes the classes to look at
   * @param moduleRoots root package by module name
   * @return sorted packages by sorted module name; a package under no root is under {@link
   *     #NO_MODULE}
   */
  static SortedMap<String, SortedSet<String>> of(
      Iterable<JavaClass> classes, Map<String, String> moduleRoots) {
    SortedMap<String, SortedSet<String>> exported = new TreeMap<>();
    for (JavaClass javaClass : classes) {
      String pkg = javaClass.getPackageName();
      if (javaClass.isTopLevelClass()
          && javaClass.getModifiers().contains(JavaModifier.PUBLIC)
          && !isInternal(pkg)) {
        exported.computeIfAbsent(moduleOf(pkg, moduleRoots), m -> new TreeSet<>()).add(pkg);
      }
    }
    return exported;
  }

  private static boolean isInternal(String pkg) {
    return (pkg + ".").contains(".internal.");
  }

  private static String moduleOf(String pkg, Map<String, String> moduleRoots) {
    String module = NO_MODULE;
    int longest = -1;
    for (Map.Entry<String, String> entry : moduleRoots.entrySet()) {
      String root = entry.getValue();
      if ((pkg.equals(root) || pkg.startsWith(root + ".")) && root.length() > longest) {
        module = entry.getKey();
        longest = root.length();
      }
    }
    return module;
  }

  /**
   * Explains how the actual public packages differ from the pinned ones, or returns an empty list.
   *
   * @param pinned the packages the test pins, by module
   * @param actual the packages found, by module
   * @return one line per package added or removed
   */
  static List<String> differences(
      Map<String, SortedSet<String>> pinned, Map<String, SortedSet<String>> actual) {
    List<String> lines = new ArrayList<>();
    TreeSet<String> modules = new TreeSet<>(pinned.keySet());
    modules.addAll(actual.keySet());
    for (String module : modules) {
      SortedSet<String> expected = pinned.getOrDefault(module, new TreeSet<String>());
      SortedSet<String> found = actual.getOrDefault(module, new TreeSet<String>());
      for (String pkg : found) {
        if (!expected.contains(pkg)) {
          lines.add("new public package " + pkg + " in " + module);
        }
      }
      for (String pkg : expected) {
        if (!found.contains(pkg)) {
          lines.add(
              "public package " + pkg + " of " + module + " is gone (or holds no public class)");
        }
      }
    }
    return lines;
  }

  private ExportedPackages() {}
}
