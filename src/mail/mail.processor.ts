import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job } from 'bullmq';
import { createTransport, Transporter } from 'nodemailer';
import { JobHandler } from '../common/queue/job-handler.decorator';
import { JobProcessor } from '../common/queue/job-processor';
import { JobName, JobPayloads, QueueName } from '../common/queue/jobs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailService } from './mail.service';

/** Sends queued emails over SMTP; a failure throws so BullMQ retries with backoff. */
@Processor(QueueName.Mail)
export class MailProcessor extends JobProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(MailProcessor.name);
  private readonly transport: Transporter;

  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.transport = createTransport(config.mail.smtpUrl);
  }

  @JobHandler(JobName.SendEmail)
  async sendEmail(job: Job<JobPayloads[JobName.SendEmail]>): Promise<void> {
    const email = await this.mail.outboxEntry(job.data.outboxId);
    if (!email) {
      // The link inside expired before it could be delivered: sending it now would only frustrate.
      this.logger.warn(`Outbox entry ${job.data.outboxId} expired before sending`);
      return;
    }
    await this.transport.sendMail({ from: this.config.mail.from, ...email });
    await this.mail.sent(job.data.outboxId);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
