/**
 * The Java binding of libelicense, the electronic business license (电子营业执照) SDK: a thin
 * JNA layer over the C ABI of {@code Include/elicense.h}, for Java 8 and later.
 *
 * <ul>
 *   <li>{@link cn.elicense.ElicenseClient}: one per application, thread-safe, {@code AutoCloseable};
 *       login ({@link cn.elicense.LoginSession}, {@link cn.elicense.LoginStatus}), license data
 *       ({@link cn.elicense.License}), license material ({@link cn.elicense.Material}) and its
 *       verification.</li>
 *   <li>{@link cn.elicense.Uscc}: 统一社会信用代码 checked offline.</li>
 *   <li>{@link cn.elicense.ElicenseException} and its subclasses per status range and per code
 *       (the Python binding's classes, generated from one table), carrying a
 *       {@link cn.elicense.Status}, the wire code, the library's bilingual message, and the
 *       front's request id and advised delay.</li>
 * </ul>
 *
 * <p>The library is loaded on first use from {@code -Delicense.library} / {@code ELICENSE_LIBRARY}
 * (a path) or by JNA's search for {@code libelicense.so} ({@code -Djna.library.path}); one of
 * another ABI version is refused. Results are immutable copies: nothing public holds native
 * memory except the client.
 */
package cn.elicense;
