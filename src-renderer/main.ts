import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createStudioVuetify } from './plugins/vuetify'
import { createStudioRouter, prefetchPages } from './router'
import { initialTheme } from './stores/appearance'
import { useMessagesStore } from './stores/messages'
import './styles/studio.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(createStudioVuetify(initialTheme()))
app.use(createStudioRouter())

// Anything a component throws ends up in the messages store, where the user can read it, rather than
// only in a console the user never sees.
const messages = useMessagesStore(pinia)
app.config.errorHandler = (error) => {
  messages.reportError('Unexpected error in the interface', error)
}
window.addEventListener('unhandledrejection', (event) => {
  messages.reportError('Unexpected error', event.reason)
  event.preventDefault()
})

app.mount('#app')

// After the first page is drawn, fetch the other pages' chunks while the user looks at it.
const idle = (run: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 500))
idle(() => {
  prefetchPages().catch((error) => messages.reportError('Could not load the application pages', error))
})
