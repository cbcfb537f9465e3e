import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from 'src/common/scalars';
import { AppConfig } from 'src/config';

@ObjectType()
export class ServerInfo {
  @Field({ description: 'api, worker or all' }) role!: string;
  @Field({ description: 'True when at least one provider is served by the built-in emulator' })
  sandbox!: boolean;
  @Field() version!: string;
  @Field({ description: "The server's clock" }) time!: Date;
  @Field(() => DateScalar, { description: "Today's date in UTC" }) today!: string;
}

/** What a client needs to know about the server it talks to (mode, clock, version). */
@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(private readonly config: AppConfig) {}

  @Query(() => ServerInfo)
  serverInfo(): ServerInfo {
    const now = new Date();
    return {
      role: this.config.role,
      sandbox: this.config.sandbox,
      version: process.env.npm_package_version ?? '0.1.0',
      time: now,
      today: now.toISOString().slice(0, 10),
    };
  }
}
