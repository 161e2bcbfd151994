// STUB — to be written: the outbound side of the email channel (see the helper's task).
import { Injectable } from '@nestjs/common';

export interface AcknowledgedTicket {
  id: number;
  title: string;
  requesterId: number;
}

@Injectable()
export class ConversationMailer {
  /**
   * Inside the transaction that created `ticket` from the received message `inReplyTo`: queues
   * the acknowledgement to the requester through the outbox and records it in the thread.
   */
  async acknowledge(
    ticket: AcknowledgedTicket,
    requester: { email: string; name: string },
    inReplyTo: string,
  ): Promise<void> {
    void ticket;
    void requester;
    void inReplyTo;
  }
}
