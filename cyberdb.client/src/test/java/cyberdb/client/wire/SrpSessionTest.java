package cyberdb.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both sides of the SRP-6a exchange, through their messages, agree on keys only with the right password. */
class SrpSessionTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void theRightPasswordProvesBothSidesAndGivesBothTheSameKeys() throws ProtocolException {
        SrpServerSession server = new SrpServerSession(Srp.Verifier.of(PASSWORD));
        Handshake.Challenge challenge = Handshake.Challenge.decode(server.challenge(65536).encode());
        SrpClientSession client = new SrpClientSession(challenge.salt(), challenge.serverPublic(),
                Srp.stretch(PASSWORD, challenge.salt()));
        byte[][] proof = Handshake.numbers(client.proof(), 2);
        Optional<SrpServerSession.Verified> verified = server.verify(proof[0], proof[1]);
        assertTrue(verified.isPresent(), "the server accepts the client's proof");
        byte[][] keys = client.verify(verified.get().evidence());
        assertArrayEquals(verified.get().clientKey(), keys[0]);
        assertArrayEquals(verified.get().serverKey(), keys[1]);
    }

    @Test
    void aWrongPasswordProvesNothing() throws ProtocolException {
        SrpServerSession server = new SrpServerSession(Srp.Verifier.of(PASSWORD));
        Handshake.Challenge challenge = server.challenge(65536);
        SrpClientSession client = new SrpClientSession(challenge.salt(), challenge.serverPublic(),
                Srp.stretch("wrong horse battery staple", challenge.salt()));
        byte[][] proof = Handshake.numbers(client.proof(), 2);
        assertTrue(server.verify(proof[0], proof[1]).isEmpty());

        SrpServerSession impostor = new SrpServerSession(Srp.Verifier.of("another password"));
        Handshake.Challenge fake = impostor.challenge(65536);
        SrpClientSession fooled = new SrpClientSession(fake.salt(), fake.serverPublic(), Srp.stretch(PASSWORD, fake.salt()));
        assertNull(fooled.verify(new byte[] {1, 2, 3}), "a server that cannot prove the password is not trusted");
    }

    @Test
    void eachSidesSecretExponentHasTheBitsRfc5054AsksForNotTheWholeGroup() {
        for (int i = 0; i < 100; i++) {
            assertEquals(256, Srp.privateValue().bitLength());
        }
    }
}
