package org.dlcourse.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renames classes inside a class file by rewriting its constant pool.
 *
 * <p>Every class name a class file mentions — its own name, the classes it calls, the types in
 * field and method descriptors and generic signatures — is a UTF-8 entry of the constant pool, in
 * internal form ({@code org/x/A}, or {@code Lorg/x/A;} inside a descriptor). Nothing after the
 * constant pool refers to byte offsets inside it, only to entry indices, so rewriting those entries
 * and copying the rest of the file verbatim gives a valid class file.
 */
final class ClassRenamer {
  private final Map<String, String> names;
  private final Pattern pattern;

  /** {@code names}: internal name ({@code org/x/A}) to its new internal name. */
  ClassRenamer(Map<String, String> names) {
    this.names = Map.copyOf(names);
    String alternatives =
        names.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    // A whole name: at the start (a class entry) or after 'L' (a descriptor), and followed by
    // the end, ';' (descriptor), '<' (generic signature) or '$' (a nested class's own name).
    this.pattern =
        names.isEmpty() ? null : Pattern.compile("(^|L)(" + alternatives + ")(?=$|[;<$])");
  }

  /** The class file with the names replaced. */
  byte[] rename(byte[] classFile) {
    if (pattern == null) {
      return classFile;
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(in.readInt()); // magic
      out.writeInt(in.readInt()); // minor, major version
      int count = in.readUnsignedShort();
      out.writeShort(count);
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        out.writeByte(tag);
        switch (tag) {
          case 1 -> out.writeUTF(replace(in.readUTF())); // Utf8
          case 7, 8, 16, 19, 20 -> out.writeShort(in.readUnsignedShort()); // Class, String, ...
          case 15 -> { // MethodHandle: kind u1, reference u2
            out.writeByte(in.readUnsignedByte());
            out.writeShort(in.readUnsignedShort());
          }
          case 3, 4, 9, 10, 11, 12, 17, 18 -> out.writeInt(in.readInt());
          case 5, 6 -> { // Long, Double take two entries
            out.writeLong(in.readLong());
            i++;
          }
          default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
      }
      in.transferTo(out); // access flags, this/super class, fields, methods, attributes
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String replace(String utf8) {
    Matcher m = pattern.matcher(utf8);
    if (!m.find()) {
      return utf8;
    }
    StringBuilder s = new StringBuilder();
    do {
      m.appendReplacement(s, Matcher.quoteReplacement(m.group(1) + names.get(m.group(2))));
    } while (m.find());
    m.appendTail(s);
    return s.toString();
  }
}
