package io.guildflow.example.signup;

import io.guildflow.api.JobContext;
import io.guildflow.api.ScheduledJob;
import java.time.Duration;
import java.util.List;

/** Closes expired signups, ten per batch, and edits their messages to say so. */
public final class SignupCloser implements ScheduledJob {
    static final int BATCH = 10;

    @Override
    public String name() {
        return "signup-closer";
    }

    @Override
    public Duration period() {
        return Duration.ofSeconds(5);
    }

    @Override
    public boolean runBatch(JobContext context) throws Exception {
        List<Signups.Signup> expired = Signups.lockExpired(context.sql(), context.now(), BATCH);
        for (Signups.Signup s : expired) {
            Signups.close(context.sql(), s.guildId(), s.id());
            if (s.postKey() != null) {
                context.discord().editPosted(s.postKey(), new Signups.Signup(s.guildId(), s.id(), s.channelId(),
                        s.title(), s.slots(), s.joined(), s.closesAt(), true, s.postKey()).message());
            }
        }
        return expired.size() == BATCH;
    }
}
