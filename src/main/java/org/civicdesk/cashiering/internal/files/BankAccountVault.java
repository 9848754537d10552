package org.civicdesk.cashiering.internal.files;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.civicdesk.platform.BusinessTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps customers' bank account numbers (autopay enrolments, portal bank payments) apart from everything else:
 * encrypted with AES-256-GCM (key civicdesk.cashiering.bank-vault-key, base64 of 32 bytes) and known elsewhere
 * only by a random token and the last four digits. The customer module's PiiCipher is internal to that module,
 * hence this small vault. Only the debit files (autopay's PPD, the portal's WEB) read a number back.
 */
@Component
public class BankAccountVault {

    /** The published demo key: fine for the demo and tests, never for real bank accounts. */
    static final String DEMO_KEY = "Y2l2aWNkZXNrLWRlbW8tYmFuay12YXVsdC1rZXktMzI=";

    private final JdbcClient jdbc;
    private final SecretKeySpec key;
    private final BusinessTime time;
    private final SecureRandom random = new SecureRandom();

    BankAccountVault(JdbcClient jdbc, @Value("${civicdesk.cashiering.bank-vault-key:" + DEMO_KEY + "}") String key,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        byte[] raw = Base64.getDecoder().decode(key);
        if (raw.length != 32) {
            throw new IllegalStateException("civicdesk.cashiering.bank-vault-key must be 32 bytes in base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.time = new BusinessTime(clock);
    }

    /** Stores the number and returns its token. */
    public String store(String routing, String accountNumber) {
        byte[] tokenBytes = new byte[16];
        random.nextBytes(tokenBytes);
        String token = "bank_" + HexFormat.of().formatHex(tokenBytes);
        jdbc.sql("insert into autopay_bank_vault (token, routing, ciphertext, created_at) values (:t, :r, :c, :now)")
                .param("t", token).param("r", routing).param("c", encrypt(accountNumber, token))
                .param("now", Timestamp.from(time.now())).update();
        return token;
    }

    String accountNumber(String token) {
        byte[] stored = jdbc.sql("select ciphertext from autopay_bank_vault where token = :t").param("t", token)
                .query(byte[].class).single();
        return decrypt(stored, token);
    }

    /** The numbers of many tokens in one round trip (a debit file's), by token; an unknown token is refused. */
    java.util.Map<String, String> accountNumbers(java.util.Collection<String> tokens) {
        java.util.Map<String, String> numbers = new java.util.HashMap<>();
        if (tokens.isEmpty()) {
            return numbers;
        }
        jdbc.sql("select token, ciphertext from autopay_bank_vault where token = any(:t)")
                .param("t", tokens.toArray(String[]::new))
                .query(rs -> {
                    numbers.put(rs.getString(1), decrypt(rs.getBytes(2), rs.getString(1)));
                });
        for (String token : tokens) {
            if (!numbers.containsKey(token)) {
                throw new IllegalStateException("No bank account in the vault for token " + token);
            }
        }
        return numbers;
    }

    private byte[] encrypt(String plain, String token) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(token.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bank account encryption failed", e);
        }
    }

    private String decrypt(byte[] stored, String token) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(token.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bank account decryption failed for token " + token, e);
        }
    }
}
