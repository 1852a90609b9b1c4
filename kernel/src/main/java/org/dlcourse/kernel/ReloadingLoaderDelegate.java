package org.dlcourse.kernel;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * JShell's class loading, with the student's problem-set classes replaceable between cells.
 *
 * <p>JDK 17's own delegate ({@code DefaultLoaderDelegate}) defines every snippet class in one
 * {@code URLClassLoader}. The JVM remembers, per loader, which class a name resolved to, so once a
 * cell has used {@code Activations} that loader can never see an edited {@code Activations}; and
 * snippet classes must all stay in that one loader, since JShell's wrappers reach each other's
 * package-private members (a second loader is a second runtime package: IllegalAccessError).
 *
 * <p>So the student's classes get a new <em>name</em> for each compiled version instead: version 1
 * keeps its names, version n is {@code vn.<original name>}, defined by a loader of its own. Cells
 * are compiled by JShell against the original names; {@link #load} rewrites each new snippet's
 * references to the current version's names ({@link ClassRenamer}). Earlier cells' variables and
 * methods stay in the same loader, so they keep working; an object made by an earlier version keeps
 * that version's behaviour (a JVM cannot change the class of an existing object).
 */
final class ReloadingLoaderDelegate implements LoaderDelegate {

  /** The classpath root: the kernel's own classes plus whatever a cell adds to the classpath. */
  private static final class Base extends URLClassLoader {
    Base() {
      super(new URL[0], ReloadingLoaderDelegate.class.getClassLoader());
    }

    @Override
    public void addURL(URL url) {
      super.addURL(url);
    }
  }

  /** One version of the student's classes (already renamed), defined from bytes in memory. */
  private static final class StudentLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    StudentLoader(ClassLoader parent, Map<String, byte[]> classes) {
      super(parent); // unnamed: a named loader would prefix every stack frame with its name
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && classes.containsKey(name)) {
          byte[] b = classes.get(name);
          c = defineClass(name, b, 0, b.length);
        }
        return c != null ? c : super.loadClass(name, resolve);
      }
    }
  }

  /** The one loader of all snippet classes; student class names go to their version's loader. */
  private static final class SnippetLoader extends ClassLoader {
    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
    private final Map<String, StudentLoader> student = new ConcurrentHashMap<>();

    SnippetLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        StudentLoader owner = student.get(name);
        if (c == null && owner != null) {
          c = owner.loadClass(name);
        }
        if (c == null && declared.containsKey(name)) {
          byte[] b = declared.get(name);
          c = defineClass(name, b, 0, b.length);
        }
        return c != null ? c : super.loadClass(name, resolve);
      }
    }
  }

  private final Base base = new Base();
  private final Set<String> compileOnly = ConcurrentHashMap.newKeySet();
  private final Map<String, Class<?>> snippets = new ConcurrentHashMap<>();
  private final SnippetLoader loader = new SnippetLoader(base);
  private volatile ClassRenamer renamer = new ClassRenamer(Map.of());
  private volatile int version;

  /**
   * Makes {@code classes} (binary name to class file, as javac wrote them) the version of the
   * student's code that cells from now on call.
   */
  synchronized void useStudentClasses(Map<String, byte[]> classes) {
    version++;
    Map<String, String> names = new HashMap<>();
    for (String name : classes.keySet()) {
      String internal = name.replace('.', '/');
      names.put(internal, version == 1 ? internal : "v" + version + "/" + internal);
    }
    ClassRenamer next = new ClassRenamer(names);
    Map<String, byte[]> renamed = new HashMap<>();
    classes.forEach(
        (name, bytes) ->
            renamed.put(names.get(name.replace('.', '/')).replace('/', '.'), next.rename(bytes)));
    StudentLoader owner = new StudentLoader(base, Map.copyOf(renamed));
    renamed.keySet().forEach(name -> loader.student.put(name, owner));
    renamer = next;
  }

  /**
   * A classpath entry JShell compiles against but never loads from (the student's classes come from
   * {@link #useStudentClasses} instead, so a stale file on disk is never run).
   */
  void compileOnly(String path) {
    compileOnly.add(new File(path).getAbsolutePath());
  }

  /** A class name as the student wrote it: without the version prefix {@code vN.}. */
  static String originalName(String name) {
    return VERSION_PREFIX.matcher(name).replaceFirst("");
  }

  private static final java.util.regex.Pattern VERSION_PREFIX =
      java.util.regex.Pattern.compile("^v\\d+\\.");

  /** The loader cells run in (also the cell thread's context class loader). */
  ClassLoader current() {
    return loader;
  }

  @Override
  public synchronized void load(ClassBytecodes[] cbcs) throws ClassInstallException {
    boolean[] loaded = new boolean[cbcs.length];
    try {
      for (ClassBytecodes cbc : cbcs) { // compiled against the original names: use the current
        loader.declared.put(cbc.name(), renamer.rename(cbc.bytecodes()));
      }
      for (int i = 0; i < cbcs.length; i++) {
        Class<?> c = loader.loadClass(cbcs[i].name());
        snippets.put(cbcs[i].name(), c);
        loaded[i] = true;
        c.getDeclaredMethods(); // prepare the class now, as JDK's delegate does
      }
    } catch (Throwable e) {
      throw new ClassInstallException("load: " + e.getMessage(), loaded);
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] cbcs) {
    for (ClassBytecodes cbc : cbcs) {
      loader.declared.put(cbc.name(), renamer.rename(cbc.bytecodes()));
    }
  }

  @Override
  public void addToClasspath(String classpath) throws InternalException {
    try {
      for (String path : classpath.split(File.pathSeparator)) {
        if (compileOnly.contains(new File(path).getAbsolutePath())) {
          continue;
        }
        base.addURL(new File(path).toURI().toURL());
      }
    } catch (Exception e) {
      throw new InternalException(e.toString());
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> c = snippets.get(name);
    if (c == null) {
      throw new ClassNotFoundException(name + " not found");
    }
    return c;
  }
}
