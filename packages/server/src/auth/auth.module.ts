import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { RateLimitService } from '../common/rate-limit.service';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordPolicy } from './password-policy';
import { PasswordService } from './password.service';
import { RegistrationLimit } from './registration-limit';
import { SessionStore } from './session-store';
import { TokenService } from './token.service';

@Module({
  imports: [
    DatabaseModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    AccountService,
    LoginThrottle,
    PasswordPolicy,
    SessionStore,
    PasswordService,
    RegistrationLimit,
    TokenService,
    AuthGuard,
    RateLimitService,
  ],
  exports: [TokenService, AuthGuard, RateLimitService, AuthService],
})
export class AuthModule {}
